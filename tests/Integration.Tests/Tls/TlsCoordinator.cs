using System.Globalization;
using PairDb.Client;
using PairDb.Integration.Tests.Client;
using PairDb.Integration.Tests.Cluster;

namespace PairDb.Integration.Tests.Tls;

/// <summary>
/// A coordinator process with TLS on both of its links to processes: clients must present a certificate from the test
/// CA (TLS_REQUIRE_CLIENT_CERT), and its three embedded storage nodes serve mutual TLS with the coordinator
/// (STORAGE_TLS_*), so every write and read crosses both. Files and data live in a temporary folder.
/// </summary>
public sealed class TlsCoordinator : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("pairdb-tls-").FullName;
    private readonly int _port = FreePorts.Next();
    private ServerProcess? _process;

    public TlsCoordinator()
    {
        Files = new TlsFiles(Path.Combine(_root, "tls"), "pairdb-test-ca");
        Listener = Files.Issue("coordinator", server: true, client: false);
        Storage = Files.Issue("storage", server: true, client: true);
        Client = Files.Issue("client", server: false, client: true);
        OtherCa = new TlsFiles(Path.Combine(_root, "other"), "other-ca");
    }

    public TlsFiles Files { get; }

    /// <summary>The client listener's certificate (TLS_CERT_FILE, TLS_KEY_FILE).</summary>
    public IssuedFiles Listener { get; }

    /// <summary>The coordinator's certificate towards its storage nodes, and theirs (STORAGE_TLS_CERT_FILE, STORAGE_TLS_KEY_FILE).</summary>
    public IssuedFiles Storage { get; }

    /// <summary>A client certificate from the test CA.</summary>
    public IssuedFiles Client { get; }

    /// <summary>A second CA the coordinator does not trust (nor do its clients trust it).</summary>
    public TlsFiles OtherCa { get; }

    public int Port => _port;

    /// <summary>host:port of the coordinator's gRPC service.</summary>
    public string Address => "127.0.0.1:" + _port.ToString(CultureInfo.InvariantCulture);

    public string Output => _process?.Output ?? string.Empty;

    /// <summary>A client trusting the test CA and presenting <see cref="Client"/>; <paramref name="configure"/> may change that.</summary>
    public PairDbClient NewClient(Action<PairDbClientOptions>? configure = null)
    {
        var options = new PairDbClientOptions
        {
            Addresses = { Address },
            TlsCaFile = Files.CaFile,
            TlsCertificateFile = Client.CertificateFile,
            TlsKeyFile = Client.KeyFile,
        };
        configure?.Invoke(options);
        return new PairDbClient(options);
    }

    public async Task InitializeAsync()
    {
        _process = new ServerProcess("tls-coordinator", RepoPaths.CoordinatorDll, new Dictionary<string, string>(CoordinatorProcesses.Environment(_port, _root))
        {
            ["TLS_CERT_FILE"] = Listener.CertificateFile,
            ["TLS_KEY_FILE"] = Listener.KeyFile,
            ["TLS_CLIENT_CA_FILE"] = Files.CaFile,
            ["TLS_REQUIRE_CLIENT_CERT"] = "true",
            ["STORAGE_TLS_CA_FILE"] = Files.CaFile,
            ["STORAGE_TLS_CERT_FILE"] = Storage.CertificateFile,
            ["STORAGE_TLS_KEY_FILE"] = Storage.KeyFile,
        });
        _process.Start();
        using var client = NewClient(static o => o.Retry.MaxAttempts = 1);
        await CoordinatorProcesses.WaitReadyAsync(_process, client);
    }

    public async Task DisposeAsync()
    {
        _process?.Dispose();
        await Task.Yield();
        CoordinatorProcesses.DeleteQuietly(_root);
    }
}
