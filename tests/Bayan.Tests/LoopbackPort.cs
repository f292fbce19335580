using System.Net;
using System.Net.Sockets;

namespace Bayan.Tests;

/// <summary>A loopback port nothing listens on, for a server a test starts on a port it must know in advance.</summary>
public static class LoopbackPort
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
