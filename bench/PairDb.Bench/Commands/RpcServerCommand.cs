using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PairDb.Bench.RpcServer;

namespace PairDb.Bench.Commands;

/// <summary>
/// `rpc-server --port N`: one Kestrel HTTP/2 cleartext server on 127.0.0.1 with grpc-dotnet (the storage node's
/// server stack) serving <see cref="EchoStorageService"/>, the bare echo the storage node's rates are compared with.
/// Port 0 picks a free port; the bound address is printed as "listening http://127.0.0.1:PORT". Runs until Ctrl+C
/// or SIGTERM.
/// </summary>
public sealed class RpcServerCommand : IBenchCommand
{
    public string Name => "rpc-server";

    public string Usage => "rpc-server --port N";

    public string Summary => "serve storage.StorageNodeService/Write answering at once (grpc-dotnet on Kestrel, no work)";

    public async Task<int> RunAsync(string[] args)
    {
        if (args.Length != 2 || args[0] != "--port"
            || !int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > IPEndPoint.MaxPort)
        {
            return CommandResult.Usage(this, "rpc-server needs exactly --port N (0..65535; 0 picks a free port).");
        }

        var builder = WebApplication.CreateSlimBuilder();
        // No request logging: the numbers are for the server stack, not the console.
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        await using var app = builder.Build();
        app.MapGrpcService<EchoStorageService>();
        await app.StartAsync();

        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        foreach (var address in addresses)
        {
            Console.WriteLine("listening " + address);
        }

        await app.WaitForShutdownAsync();
        return CommandResult.Success;
    }
}
