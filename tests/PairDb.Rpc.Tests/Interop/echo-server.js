'use strict';
// grpc-js server half of the interoperability tests: test.EchoService with the semantics of the C# EchoService
// (tests/PairDb.Rpc.Tests/Support/EchoService.cs). Listens on 127.0.0.1 at a free port and reports on stdout,
// one JSON line each: {"event":"listening","port":N} once bound, {"event":"call",...} when a handler starts,
// {"event":"cancelled",...} whenever a handler sees its call cancelled. Exits when stdin closes, so it never
// outlives the test process that started it.
const { grpc, EchoService } = require('./echo-proto');

function report(event) {
  process.stdout.write(JSON.stringify(event) + '\n');
}

// Tells the test a handler started (with the deadline grpc-js parsed), which explains a missing cancellation.
function reportCall(call, method) {
  const deadline = call.getDeadline();
  const remainingMs = deadline === Infinity ? null : new Date(deadline).getTime() - Date.now();
  report({ event: 'call', method, cancelled: call.cancelled, remainingMs });
}

// Waits ms, ending early (rejected) when the call is cancelled unless told to ignore cancellation. A call
// cancelled before its handler ran gets no 'cancelled' event any more, so that case is checked up front.
function delay(call, method, ms, ignoreCancellation) {
  return new Promise((resolve, reject) => {
    let timer = null;
    const onCancelled = () => {
      report({ event: 'cancelled', method, hadDeadline: call.getDeadline() !== Infinity });
      if (!ignoreCancellation) {
        clearTimeout(timer);
        reject(new Error('cancelled'));
      }
    };
    if (call.cancelled) {
      onCancelled();
      if (!ignoreCancellation) {
        return;
      }
    } else {
      call.once('cancelled', onCancelled);
    }

    timer = setTimeout(() => {
      call.removeListener('cancelled', onCancelled);
      resolve();
    }, ms);
  });
}

async function echo(call, callback) {
  reportCall(call, 'Echo');
  const request = call.request;
  if (request.delay_ms > 0) {
    try {
      await delay(call, 'Echo', request.delay_ms, request.ignore_cancellation);
    } catch {
      return; // The call is over; grpc-js already ended it.
    }
  }

  if (request.throw_unexpected) {
    callback({ code: grpc.status.INTERNAL, details: 'Exception was thrown by handler.' });
    return;
  }

  if (request.status_code !== 0) {
    callback({ code: request.status_code, details: request.status_message });
    return;
  }

  const header = call.metadata.get('x-test');
  callback(null, {
    text: request.text,
    header: header.length > 0 ? String(header[0]) : '',
    payload: Buffer.alloc(request.reply_size),
    received_payload_size: request.payload.length,
  });
}

async function count(call) {
  reportCall(call, 'Count');
  const request = call.request;
  try {
    for (let i = 1; i <= request.count; i++) {
      if (request.fail_after > 0 && i > request.fail_after) {
        call.emit('error', { code: grpc.status.ABORTED, details: `failed after ${request.fail_after}` });
        return;
      }

      if (request.delay_ms > 0) {
        await delay(call, 'Count', request.delay_ms, false);
      }

      if (!call.write({ n: i })) {
        await new Promise(resolve => call.once('drain', resolve));
      }
    }
  } catch {
    return; // Cancelled while waiting.
  }

  call.end();
}

const server = new grpc.Server();
server.addService(EchoService.service, { Echo: echo, Count: count });
server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, port) => {
  if (err) {
    process.stderr.write(`bind failed: ${err.message}\n`);
    process.exit(1);
  }

  report({ event: 'listening', port });
});

process.stdin.resume();
process.stdin.on('end', () => {
  server.forceShutdown();
  process.exit(0);
});
