using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace PairDb.Integration.Tests.Infrastructure;

/// <summary>
/// Which process holds the client end of a loopback TCP connection, read from Linux's /proc: the socket whose local
/// port is the client's (/proc/net/tcp and tcp6 give its inode) among a process's open files (/proc/PID/fd). A
/// <see cref="TcpFaultProxy"/> uses it to cut one process off from the others while they keep talking among
/// themselves: every process dials the same advertised address, so the client's process is what tells them apart.
/// </summary>
public static class LoopbackSocketOwner
{
    private static readonly string[] SocketTables = ["/proc/net/tcp", "/proc/net/tcp6"];

    /// <summary>
    /// True when process <paramref name="processId"/> holds the client end of <paramref name="accepted"/>, a connection
    /// a loopback server accepted; false once either end is closed.
    /// </summary>
    public static bool HoldsClientEnd(int processId, Socket accepted)
    {
        ArgumentNullException.ThrowIfNull(accepted);
        int clientPort, serverPort;
        try
        {
            clientPort = ((IPEndPoint)accepted.RemoteEndPoint!).Port;
            serverPort = ((IPEndPoint)accepted.LocalEndPoint!).Port;
        }
        catch (Exception ex) when (ex is ObjectDisposedException or SocketException)
        {
            return false;
        }

        var inodes = SocketInodes(clientPort, serverPort);
        if (inodes.Count == 0)
        {
            return false;
        }

        try
        {
            foreach (var fd in Directory.EnumerateFiles($"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/fd"))
            {
                if (new FileInfo(fd).LinkTarget is { } link && inodes.Contains(link))
                {
                    return true;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The process exited meanwhile, or a descriptor closed while being read.
        }

        return false;
    }

    /// <summary>"socket:[INODE]" of every TCP socket from <paramref name="localPort"/> to <paramref name="remotePort"/>.</summary>
    private static HashSet<string> SocketInodes(int localPort, int remotePort)
    {
        var local = ":" + localPort.ToString("X4", CultureInfo.InvariantCulture);
        var remote = ":" + remotePort.ToString("X4", CultureInfo.InvariantCulture);
        var inodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in SocketTables.Where(File.Exists))
        {
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length > 9 && fields[1].EndsWith(local, StringComparison.Ordinal)
                    && fields[2].EndsWith(remote, StringComparison.Ordinal) && fields[9] != "0")
                {
                    inodes.Add("socket:[" + fields[9] + "]");
                }
            }
        }

        return inodes;
    }
}
