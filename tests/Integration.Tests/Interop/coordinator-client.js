'use strict';
// grpc-js client (an independent gRPC implementation) of proto.CoordinatorService: runs one fixed scenario
// against a running coordinator and prints one JSON line, one entry per step. gRPC failures are results, not
// script errors (exit code 0); the C# test asserts on the JSON.
// Usage: node coordinator-client.js <host:port> <path/to/coordinator.proto>
// The standard health service (grpc.health.v1.Health) is loaded from the copy of its published health.proto beside
// this script (the coordinator serves it through the Grpc.HealthCheck package, which ships no .proto file).
// @grpc/grpc-js and @grpc/proto-loader come from tests/Integration.Tests/Interop/node_modules through NODE_PATH.
const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');
const protobuf = require('protobufjs');

const [address, protoPath] = process.argv.slice(2);
if (!address || !protoPath) {
  process.stderr.write('usage: node coordinator-client.js <host:port> <coordinator.proto>\n');
  process.exit(2);
}

// keepCase: field names as in the .proto; longs as strings so int64 clocks survive JSON exactly.
const packageDefinition = protoLoader.loadSync(protoPath, {
  keepCase: true,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
});
const CoordinatorService = grpc.loadPackageDefinition(packageDefinition).proto.CoordinatorService;
const client = new CoordinatorService(address, grpc.credentials.createInsecure());
const healthDefinition = protoLoader.loadSync(path.join(__dirname, 'health.proto'), { keepCase: true, enums: String, defaults: true });
const Health = grpc.loadPackageDefinition(healthDefinition).grpc.health.v1.Health;
const health = new Health(address, grpc.credentials.createInsecure());

// The rich error model: google.rpc.Status in the grpc-status-details-bin trailer, its details packed as Any.
const statusRoot = protobuf.Root.fromJSON({
  nested: {
    google: {
      nested: {
        protobuf: { nested: { Any: { fields: { type_url: { type: 'string', id: 1 }, value: { type: 'bytes', id: 2 } } } } },
        rpc: {
          nested: {
            Status: {
              fields: {
                code: { type: 'int32', id: 1 },
                message: { type: 'string', id: 2 },
                details: { rule: 'repeated', type: 'google.protobuf.Any', id: 3 },
              },
            },
          },
        },
      },
    },
  },
});
const RpcStatus = statusRoot.lookupType('google.rpc.Status');
const WriteConditionFailed = new protobuf.Root().loadSync(protoPath, { keepCase: true }).lookupType('proto.WriteConditionFailed');

const CALL_TIMEOUT_MS = 15000;
const TENANT = 'grpcjs-tenant';

// Resolves (never rejects) with the status and the reply, so one failing step does not hide the others.
function call(method, request) {
  return new Promise(resolve => {
    client[method](request, { deadline: new Date(Date.now() + CALL_TIMEOUT_MS) }, (err, reply) => {
      resolve(err ? { code: err.code, details: err.details } : { code: grpc.status.OK, details: '', reply });
    });
  });
}

function check(service) {
  return new Promise(resolve => {
    health.Check({ service }, { deadline: new Date(Date.now() + CALL_TIMEOUT_MS) }, (err, reply) => {
      resolve(err ? { code: err.code, details: err.details } : { code: grpc.status.OK, details: '', reply });
    });
  });
}

// Resolves with the first message, or the status the stream ended with.
function watch(service) {
  return new Promise(resolve => {
    const stream = health.Watch({ service }, { deadline: new Date(Date.now() + CALL_TIMEOUT_MS) });
    stream.on('data', reply => {
      resolve({ code: grpc.status.OK, details: '', reply });
      stream.cancel();
    });
    stream.on('error', err => resolve({ code: err.code, details: err.details }));
    stream.on('end', () => resolve({ code: grpc.status.OK, details: 'ended without a message' }));
  });
}

// As call, and a failure also reports its status details: each detail's type URL and, for a
// proto.WriteConditionFailed, its fields (longs as strings, as everywhere in this script).
function callWithDetails(method, request) {
  return new Promise(resolve => {
    client[method](request, { deadline: new Date(Date.now() + CALL_TIMEOUT_MS) }, (err, reply) => {
      if (!err) {
        resolve({ code: grpc.status.OK, details: '', reply });
        return;
      }
      const raw = err.metadata && err.metadata.get('grpc-status-details-bin')[0];
      const status = raw ? RpcStatus.decode(raw) : null;
      const statusDetails = status ? status.details.map(any => ({
        type_url: any.type_url,
        condition: any.type_url.endsWith('/proto.WriteConditionFailed')
          ? WriteConditionFailed.toObject(WriteConditionFailed.decode(any.value), { longs: String, defaults: true })
          : null,
      })) : [];
      resolve({ code: err.code, details: err.details, status_details: statusDetails });
    });
  });
}

// Byte fields become UTF-8 text, for readable assertions.
function withText(result) {
  if (result.reply && Buffer.isBuffer(result.reply.value)) {
    result.reply.value = result.reply.value.toString('utf8');
  }
  return result;
}

function write(key, value, idempotencyKey, ttlMs) {
  return call('WriteKeyValue', {
    tenant_id: TENANT, key, value: Buffer.from(value, 'utf8'), consistency: 'quorum', idempotency_key: idempotencyKey || '',
    ttl_ms: ttlMs || 0,
  });
}

// Waits (polling, bounded by CALL_TIMEOUT_MS) until the local clock is past a Unix-microseconds instant sent as text.
async function waitPast(micros) {
  const until = BigInt(micros);
  const bound = Date.now() + CALL_TIMEOUT_MS;
  while (BigInt(Date.now()) * 1000n <= until && Date.now() < bound) {
    await new Promise(resolve => setTimeout(resolve, 50));
  }
}

function read(key, tenant) {
  return call('ReadKeyValue', { tenant_id: tenant || TENANT, key, consistency: 'quorum' }).then(withText).then(siblingsWithText);
}

function siblingsWithText(result) {
  if (result.reply && result.reply.siblings) {
    result.reply.siblings.forEach(sibling => { sibling.value = Buffer.from(sibling.value).toString('utf8'); });
  }
  return result;
}

async function main() {
  const result = {};
  result.healthServer = await check('');
  result.healthCoordinator = await check('proto.CoordinatorService');
  result.healthUnknown = await check('no.SuchService');
  result.healthWatch = await watch('');
  result.createTenant = await call('CreateTenant', { tenant_id: TENANT, replication_factor: 2 });
  result.getTenant = await call('GetTenant', { tenant_id: TENANT });
  result.write = await write('plain', 'hello from grpc-js');
  result.read = await read('plain');
  result.idempotentFirst = await write('idem', 'first', 'grpcjs-req-1');
  result.idempotentRetry = await write('idem', 'first', 'grpcjs-req-1');
  result.idempotentConflict = await write('idem', 'different', 'grpcjs-req-1');
  result.delete = await call('DeleteKeyValue', { tenant_id: TENANT, key: 'plain', consistency: 'quorum', idempotency_key: '' });
  result.readDeleted = await read('plain');
  result.readUnknownTenant = await read('plain', 'no-such-tenant');
  result.invalidKey = await write('', 'value');
  // Causal context: two writes from one read become siblings; a write with the merged context replaces both; a write
  // with the first read's (stale) context stands beside the newest version instead of replacing it.
  result.contextBase = await write('cart', 'base');
  const base = (await read('cart')).reply.vector_clock;
  result.contextA = await call('WriteKeyValue', { tenant_id: TENANT, key: 'cart', value: Buffer.from('a'), consistency: 'quorum', context: base });
  result.contextB = await call('WriteKeyValue', { tenant_id: TENANT, key: 'cart', value: Buffer.from('b'), consistency: 'quorum', context: base });
  result.contextSiblings = await read('cart');
  const merged = result.contextSiblings.reply ? result.contextSiblings.reply.vector_clock : base;
  result.contextMerged = await call('WriteKeyValue', { tenant_id: TENANT, key: 'cart', value: Buffer.from('a+b'), consistency: 'quorum', context: merged });
  result.contextResolved = await read('cart');
  result.contextStale = await call('WriteKeyValue', { tenant_id: TENANT, key: 'cart', value: Buffer.from('stale'), consistency: 'quorum', context: base });
  result.contextStaleRead = await read('cart');
  // Conditions: if_absent on an existing key and a stale if_clock fail with the current clock as a status detail.
  result.ifAbsentExisting = await callWithDetails('WriteKeyValue', { tenant_id: TENANT, key: 'cart', value: Buffer.from('x'), consistency: 'quorum', if_absent: true });
  result.ifAbsentNew = await call('WriteKeyValue', { tenant_id: TENANT, key: 'fresh', value: Buffer.from('x'), consistency: 'quorum', if_absent: true });
  const elsewhere = { entries: [{ coordinator_node_id: 'elsewhere', logical_timestamp: '5' }] };
  result.ifClockStale = await callWithDetails('WriteKeyValue', { tenant_id: TENANT, key: 'fresh', value: Buffer.from('y'), consistency: 'quorum', if_clock: elsewhere });
  const fresh = result.ifAbsentNew.reply ? result.ifAbsentNew.reply.vector_clock : base;
  result.ifClockCurrent = await call('WriteKeyValue', { tenant_id: TENANT, key: 'fresh', value: Buffer.from('y'), consistency: 'quorum', if_clock: fresh });
  result.conditionsTogether = await call('WriteKeyValue', { tenant_id: TENANT, key: 'fresh', value: Buffer.from('z'), consistency: 'quorum', if_clock: fresh, if_absent: true });
  result.writeTtl = await write('expiring', 'short-lived', '', 1000);
  result.readTtl = await read('expiring');
  if (result.readTtl.reply) {
    await waitPast(result.readTtl.reply.expires_at_micros);
  }
  result.readExpired = await read('expiring');
  result.invalidTtl = await write('expiring', 'value', '', -1);
  result.createTenantRf5 = await call('CreateTenant', { tenant_id: 'grpcjs-rf5', replication_factor: 5 });
  result.listStorageNodes = await call('ListStorageNodes', {});
  result.addStorageNode = await call('AddStorageNode', { node_id: 'storage-9', host: '127.0.0.1', port: 1, virtual_nodes: 0 });
  return result;
}

main()
  .then(result => {
    process.stdout.write(JSON.stringify(result) + '\n');
    client.close();
    health.close();
  })
  .catch(err => {
    process.stderr.write(`coordinator-client.js failed: ${err && err.stack ? err.stack : err}\n`);
    client.close();
    health.close();
    process.exit(1);
  });
