"""horizon_proto_library: protoc + grpc_cpp_plugin from Debian, as a genrule.

Bazel's proto rules need @com_google_protobuf (a download); Debian ships
protoc and the gRPC plugin, so a genrule runs them directly. Generated headers
are included as "proto/<name>.pb.h" and "proto/<name>.grpc.pb.h".

Imports name files from the workspace root (`import "proto/metrics.proto";`);
the well-known types (google/protobuf/*.proto) come from Debian's
/usr/include, which protoc searches by itself.
"""

def horizon_proto_library(name, srcs, deps = [], grpc = True, visibility = None):
    """One cc_library with the messages (and services) of `srcs`.

    Args:
      name: the cc_library name.
      srcs: .proto files in this package.
      deps: other horizon_proto_library targets the protos import.
      grpc: also generate gRPC service code.
      visibility: as usual.
    """
    stems = [src[:-len(".proto")] for src in srcs]
    hdrs = [s + ".pb.h" for s in stems]
    cc = [s + ".pb.cc" for s in stems]
    if grpc:
        hdrs += [s + ".grpc.pb.h" for s in stems]
        cc += [s + ".grpc.pb.cc" for s in stems]
    grpc_flags = "--grpc_out=$(GENDIR) --plugin=protoc-gen-grpc=/usr/bin/grpc_cpp_plugin" if grpc else ""

    # Every .proto this library may import, directly or through a dep: each
    # dep's "_srcs" filegroup already holds its own transitive closure, so
    # protoc finds imports of imports inside the sandbox.
    dep_srcs = [d + "_srcs" for d in deps]
    native.filegroup(
        name = name + "_srcs",
        srcs = srcs + dep_srcs,
        visibility = visibility,
    )

    # Only `srcs` are compiled; imported files are read for their types, their
    # code comes from the deps' libraries.
    native.genrule(
        name = name + "_gen",
        srcs = srcs + dep_srcs,
        outs = hdrs + cc,
        cmd = "protoc -I. --cpp_out=$(GENDIR) %s %s" % (
            grpc_flags,
            " ".join(["$(location %s)" % s for s in srcs]),
        ),
        visibility = ["//visibility:private"],
    )
    native.cc_library(
        name = name,
        srcs = cc,
        hdrs = hdrs,
        deps = deps + [
            "@system//:protobuf",
        ] + (["@system//:grpc++"] if grpc else []),
        visibility = visibility,
    )
