"""python3-grpcio client (an independent gRPC implementation) of proto.CoordinatorService.

Runs one fixed scenario against a running coordinator and prints one JSON line per step:
  {"step": ..., "expected": "OK", "code": "OK", "code_number": 0, "details": "...", "reply": {...},
   "problems": [], "ok": true}
reply holds the response fields as named in the .proto (bytes as base64, int64 as text, like proto3 JSON).
Every step runs even when an earlier one failed; the exit code is 1 when any step missed its expectation,
2 on bad usage or when the stubs cannot be generated. The C# test asserts on the JSON lines.

Usage: /usr/bin/python3 coordinator_client.py <host:port> <path/to/coordinator.proto> <value as hex>
Needs Debian's python3-grpcio and python3-grpc-tools; the stubs are generated at run time with
grpc_tools.protoc into a temporary directory, so nothing generated lives in the repository.
"""

import base64
import importlib
import json
import os
import sys
import tempfile

import grpc
from grpc_tools import protoc

CALL_TIMEOUT_SECONDS = 15.0
# 1 ms: the call cannot complete in time, so the deadline, not the server's answer, ends it.
TINY_TIMEOUT_SECONDS = 0.001
TENANT = "python-tenant"
KEY = "py-key"


def generate_stubs(proto_path, out_dir):
    """Compiles coordinator.proto into out_dir and imports the message and service modules from there."""
    proto_dir = os.path.dirname(os.path.abspath(proto_path))
    rc = protoc.main([
        "grpc_tools.protoc",
        "-I" + proto_dir,
        "--python_out=" + out_dir,
        "--grpc_python_out=" + out_dir,
        os.path.abspath(proto_path),
    ])
    if rc != 0:
        raise RuntimeError("grpc_tools.protoc exited %d for %s" % (rc, proto_path))
    sys.path.insert(0, out_dir)
    module_name = os.path.splitext(os.path.basename(proto_path))[0]
    return importlib.import_module(module_name + "_pb2"), importlib.import_module(module_name + "_pb2_grpc")


def to_json(message):
    """The message's fields (defaults included) by .proto name; bytes as base64, 64-bit integers as text.

    Written by hand rather than with json_format so it reads the same across protobuf versions.
    """
    result = {}
    for field in message.DESCRIPTOR.fields:
        value = getattr(message, field.name)
        if field.label == field.LABEL_REPEATED:
            result[field.name] = [convert(field, item) for item in value]
        elif field.type == field.TYPE_MESSAGE and not message.HasField(field.name):
            result[field.name] = None
        else:
            result[field.name] = convert(field, value)
    return result


def convert(field, value):
    if field.type == field.TYPE_MESSAGE:
        return to_json(value)
    if field.type == field.TYPE_BYTES:
        return base64.b64encode(value).decode("ascii")
    if field.type in (field.TYPE_INT64, field.TYPE_UINT64, field.TYPE_SINT64, field.TYPE_FIXED64, field.TYPE_SFIXED64):
        return str(value)
    return value


def call(method, request, timeout=CALL_TIMEOUT_SECONDS):
    """The call's status and reply; a failed call is an outcome, never an exception."""
    try:
        reply = method(request, timeout=timeout)
        return {"code": grpc.StatusCode.OK, "details": "", "reply": reply}
    except grpc.RpcError as error:
        return {"code": error.code(), "details": error.details() or "", "reply": None}


class Scenario:
    """Runs steps in order and prints each one's outcome as it ends."""

    def __init__(self):
        self.failed = []

    def step(self, name, expected, outcome, checks=()):
        problems = []
        if outcome["code"] != expected:
            problems.append("expected %s, got %s: %s" % (expected.name, outcome["code"].name, outcome["details"]))
        else:
            for check in checks:
                problem = check(outcome)
                if problem:
                    problems.append(problem)
        line = {
            "step": name,
            "expected": expected.name,
            "code": outcome["code"].name,
            "code_number": outcome["code"].value[0],
            "details": outcome["details"],
            "reply": to_json(outcome["reply"]) if outcome["reply"] is not None else None,
            "problems": problems,
            "ok": not problems,
        }
        print(json.dumps(line, sort_keys=True), flush=True)
        if problems:
            self.failed.append(name)
            print("step %s: %s" % (name, "; ".join(problems)), file=sys.stderr, flush=True)
        return outcome


def has_clock(outcome):
    clock = outcome["reply"].vector_clock
    if not outcome["reply"].HasField("vector_clock") or len(clock.entries) == 0:
        return "no vector clock entries in the reply"
    return None


def run(address, pb, pb_grpc, value):
    scenario = Scenario()
    with grpc.insecure_channel(address) as channel:
        grpc.channel_ready_future(channel).result(timeout=CALL_TIMEOUT_SECONDS)
        stub = pb_grpc.CoordinatorServiceStub(channel)

        scenario.step("createTenant", grpc.StatusCode.OK, call(
            stub.CreateTenant, pb.CreateTenantRequest(tenant_id=TENANT, replication_factor=2)))

        written = scenario.step("write", grpc.StatusCode.OK, call(
            stub.WriteKeyValue,
            pb.WriteKeyValueRequest(tenant_id=TENANT, key=KEY, value=value, consistency="quorum")),
            [has_clock, lambda o: None if o["reply"].success else "success is false"])

        def same_value(outcome):
            got = outcome["reply"].value
            return None if got == value else "value differs: wrote %s, read %s" % (value.hex(), got.hex())

        def same_clock(outcome):
            if written["reply"] is None:
                return "no write clock to compare with"
            if outcome["reply"].vector_clock != written["reply"].vector_clock:
                return "read clock %s differs from write clock %s" % (
                    to_json(outcome["reply"].vector_clock), to_json(written["reply"].vector_clock))
            return None

        scenario.step("read", grpc.StatusCode.OK, call(
            stub.ReadKeyValue, pb.ReadKeyValueRequest(tenant_id=TENANT, key=KEY, consistency="quorum")),
            [same_value, has_clock, same_clock])

        scenario.step("delete", grpc.StatusCode.OK, call(
            stub.DeleteKeyValue, pb.DeleteKeyValueRequest(tenant_id=TENANT, key=KEY, consistency="quorum")),
            [lambda o: None if o["reply"].success else "success is false"])

        scenario.step("readDeleted", grpc.StatusCode.NOT_FOUND, call(
            stub.ReadKeyValue, pb.ReadKeyValueRequest(tenant_id=TENANT, key=KEY, consistency="quorum")))

        scenario.step("invalidKey", grpc.StatusCode.INVALID_ARGUMENT, call(
            stub.WriteKeyValue, pb.WriteKeyValueRequest(tenant_id=TENANT, key="", value=b"v")),
            [lambda o: None if "key" in o["details"] else "details do not name the key: %r" % o["details"]])

        scenario.step("tinyDeadline", grpc.StatusCode.DEADLINE_EXCEEDED, call(
            stub.WriteKeyValue, pb.WriteKeyValueRequest(tenant_id=TENANT, key="py-deadline", value=b"late"),
            timeout=TINY_TIMEOUT_SECONDS))

        # The channel still serves after a call its deadline cut short.
        scenario.step("afterDeadline", grpc.StatusCode.OK, call(
            stub.WriteKeyValue, pb.WriteKeyValueRequest(tenant_id=TENANT, key="py-after-deadline", value=b"on time")),
            [lambda o: None if o["reply"].success else "success is false"])
    return scenario.failed


def main(argv):
    if len(argv) != 4:
        print("usage: coordinator_client.py <host:port> <coordinator.proto> <value as hex>", file=sys.stderr)
        return 2
    address, proto_path, value_hex = argv[1:]
    value = bytes.fromhex(value_hex)
    with tempfile.TemporaryDirectory(prefix="pairdb-pystubs-") as out_dir:
        try:
            pb, pb_grpc = generate_stubs(proto_path, out_dir)
        except Exception as error:  # noqa: BLE001 - any failure here means no client to run
            print("cannot generate stubs from %s: %s" % (proto_path, error), file=sys.stderr)
            return 2
        failed = run(address, pb, pb_grpc, value)
    if failed:
        print("failed steps: " + ", ".join(failed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
