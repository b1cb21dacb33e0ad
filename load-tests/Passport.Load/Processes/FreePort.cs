using System.Net;
using System.Net.Sockets;

namespace Passport.Load.Processes;

/// <summary>Finds a TCP port on 127.0.0.1 that is free right now.</summary>
public static class FreePort
{
    /// <summary>Binds 127.0.0.1:0, reads the port the OS chose, releases it.</summary>
    public static int Get()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }
}
