'use strict';
// Loads the test echo service from the same .proto the C# tests compile, so both peers share one contract.
const path = require('node:path');
const protoLoader = require('@grpc/proto-loader');
const grpc = require('@grpc/grpc-js');

const PROTO_PATH = path.join(__dirname, '..', 'Protos', 'echo.proto');

// keepCase: field names as in the .proto (status_code, ...); defaults: absent fields read as their zero value.
const packageDefinition = protoLoader.loadSync(PROTO_PATH, {
  keepCase: true,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
});

const EchoService = grpc.loadPackageDefinition(packageDefinition).test.EchoService;

module.exports = { grpc, EchoService, echoMethod: packageDefinition['test.EchoService'].Echo };
