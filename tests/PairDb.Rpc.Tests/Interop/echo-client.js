'use strict';
// grpc-js client half of the interoperability tests: runs one scenario against a PairDb.Rpc server and prints
// one JSON line with what it observed. gRPC failures are results, not script errors (exit code 0); the C#
// test asserts on the JSON. Usage: node echo-client.js <host:port> <scenario> [status-code status-message]
const { grpc, EchoService, echoMethod } = require('./echo-proto');

const [address, scenario, ...rest] = process.argv.slice(2);
if (!address || !scenario) {
  process.stderr.write('usage: node echo-client.js <host:port> <scenario> [args]\n');
  process.exit(2);
}

const client = new EchoService(address, grpc.credentials.createInsecure());

function deadlineIn(ms) {
  return new Date(Date.now() + ms);
}

function status(err) {
  return { code: err ? err.code : grpc.status.OK, details: err ? err.details : '' };
}

function unary(request, metadata, timeoutMs) {
  return new Promise(resolve => {
    client.Echo(request, metadata, { deadline: deadlineIn(timeoutMs) }, (err, reply) => {
      resolve({ ...status(err), reply });
    });
  });
}

function count(request, timeoutMs) {
  return new Promise(resolve => {
    const values = [];
    const call = client.Count(request, { deadline: deadlineIn(timeoutMs) });
    call.on('data', reply => values.push(reply.n));
    // 'status' comes last, after every message and after 'error' for a non-OK status.
    call.on('error', () => {});
    call.on('status', s => resolve({ code: s.code, details: s.details, values }));
  });
}

function unaryAt(path, timeoutMs) {
  return new Promise(resolve => {
    client.makeUnaryRequest(
      path, echoMethod.requestSerialize, echoMethod.responseDeserialize, {},
      new grpc.Metadata(), { deadline: deadlineIn(timeoutMs) },
      err => resolve(status(err)));
  });
}

const scenarios = {
  async unary() {
    const metadata = new grpc.Metadata();
    metadata.add('x-test', 'meta-value');
    const result = await unary({ text: 'hello from grpc-js', reply_size: 10, payload: Buffer.alloc(7) }, metadata, 10000);
    const reply = result.reply || {};
    return {
      code: result.code,
      details: result.details,
      text: reply.text,
      header: reply.header,
      payloadSize: reply.payload ? reply.payload.length : -1,
      receivedPayloadSize: reply.received_payload_size,
    };
  },
  async error() {
    const [code, message] = rest;
    const result = await unary({ status_code: Number(code), status_message: message }, new grpc.Metadata(), 10000);
    return { code: result.code, details: result.details };
  },
  async deadline() {
    // Connect (and warm the server) first, so the 200 ms cover the call itself, not connection setup.
    const warmup = await unary({ text: 'warm-up' }, new grpc.Metadata(), 10000);
    if (warmup.code !== grpc.status.OK) {
      return { warmup };
    }

    const result = await unary({ delay_ms: 5000 }, new grpc.Metadata(), 200);
    return { code: result.code, details: result.details };
  },
  stream() {
    return count({ count: 100 }, 30000);
  },
  'stream-error'() {
    return count({ count: 10, fail_after: 3 }, 30000);
  },
  async unimplemented() {
    return {
      method: await unaryAt('/test.EchoService/NoSuchMethod', 10000),
      service: await unaryAt('/nope.Missing/Echo', 10000),
    };
  },
};

const run = scenarios[scenario];
if (!run) {
  process.stderr.write(`unknown scenario '${scenario}'; known: ${Object.keys(scenarios).join(', ')}\n`);
  process.exit(2);
}

run().then(
  result => {
    process.stdout.write(JSON.stringify(result) + '\n');
    client.close();
  },
  err => {
    process.stderr.write(`${err && err.stack ? err.stack : err}\n`);
    client.close();
    process.exitCode = 1;
  });
