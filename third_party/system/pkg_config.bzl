"""A repository of Debian's C/C++ libraries, described by pkg-config.

Each entry becomes one cc_library carrying the linker flags pkg-config prints
for its modules (in pkg-config's own order, which keeps static abseil link
order right). Headers live in /usr/include and need no declaration.
"""

def _pkg_config_libraries_impl(repository_ctx):
    lines = ['package(default_visibility = ["//visibility:public"])', ""]
    for name, modules in repository_ctx.attr.libraries.items():
        # Entries starting with "-" are linker flags for libraries that ship no
        # .pc file (grpc++_reflection, benchmark_main); they go first.
        raw = [m for m in modules if m.startswith("-")]
        modules = [m for m in modules if not m.startswith("-")]
        result = repository_ctx.execute(["pkg-config", "--libs"] + modules)
        if result.return_code != 0:
            fail("pkg-config --libs %s failed (run tools/dev setup): %s" %
                 (" ".join(modules), result.stderr))
        cflags = repository_ctx.execute(["pkg-config", "--cflags"] + modules)
        linkopts = raw + [flag for flag in result.stdout.strip().split(" ") if flag]
        copts = [flag for flag in cflags.stdout.strip().split(" ") if flag and not flag.startswith("-I")]
        lines.append("cc_library(")
        lines.append("    name = %r," % name)
        lines.append("    linkopts = %r," % linkopts)
        lines.append("    copts = %r," % copts)
        lines.append(")")
        lines.append("")
    repository_ctx.file("WORKSPACE", 'workspace(name = "%s")\n' % repository_ctx.name)
    repository_ctx.file("BUILD.bazel", "\n".join(lines))

pkg_config_libraries = repository_rule(
    implementation = _pkg_config_libraries_impl,
    attrs = {"libraries": attr.string_list_dict(mandatory = True)},
    local = True,
)
