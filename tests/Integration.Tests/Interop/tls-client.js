'use strict';
// grpc-js client (an independent gRPC and TLS implementation) of proto.CoordinatorService over TLS: writes and reads a
// key presenting a client certificate, then tries a read without one. Prints one JSON line, one entry per step; gRPC
// failures are results, not script errors (exit code 0), and the C# test asserts on the JSON.
// Usage: node tls-client.js <host:port> <coordinator.proto> <ca.pem> <client.pem> <client-key.pem>
const fs = require('fs');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const [address, protoPath, caFile, certFile, keyFile] = process.argv.slice(2);
if (!keyFile) {
  process.stderr.write('usage: node tls-client.js <host:port> <coordinator.proto> <ca.pem> <client.pem> <client-key.pem>\n');
  process.exit(2);
}

const CALL_TIMEOUT_MS = 15000;
const definition = protoLoader.loadSync(protoPath, { keepCase: true, longs: String, enums: String, defaults: true, oneofs: true });
const CoordinatorService = grpc.loadPackageDefinition(definition).proto.CoordinatorService;
const ca = fs.readFileSync(caFile);
const withCertificate = new CoordinatorService(address, grpc.credentials.createSsl(ca, fs.readFileSync(keyFile), fs.readFileSync(certFile)));
const withoutCertificate = new CoordinatorService(address, grpc.credentials.createSsl(ca));

// Resolves (never rejects) with the status and the reply, so one failing step does not hide the others.
function call(client, method, request) {
  return new Promise(resolve => {
    client[method](request, { deadline: new Date(Date.now() + CALL_TIMEOUT_MS) }, (err, reply) => {
      resolve(err ? { code: err.code, details: err.details } : { code: grpc.status.OK, details: '', reply });
    });
  });
}

async function main() {
  const result = {};
  result.write = await call(withCertificate, 'WriteKeyValue', {
    tenant_id: 'default', key: 'grpcjs-tls', value: Buffer.from('hello over tls', 'utf8'), consistency: 'quorum',
  });
  result.read = await call(withCertificate, 'ReadKeyValue', { tenant_id: 'default', key: 'grpcjs-tls', consistency: 'quorum' });
  if (result.read.reply && Buffer.isBuffer(result.read.reply.value)) {
    result.read.reply.value = result.read.reply.value.toString('utf8');
  }
  result.readWithoutCertificate = await call(withoutCertificate, 'ReadKeyValue', { tenant_id: 'default', key: 'grpcjs-tls', consistency: 'quorum' });
  process.stdout.write(JSON.stringify(result) + '\n');
  withCertificate.close();
  withoutCertificate.close();
}

main().catch(err => {
  process.stderr.write(String(err && err.stack || err) + '\n');
  process.exit(1);
});
