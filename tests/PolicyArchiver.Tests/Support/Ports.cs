namespace PolicyArchiver.Tests.Support;

public static class Ports
{
    /// <summary>A loopback port nothing listens on: connecting to it is refused at once.</summary>
    public static int Closed()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>A loopback port free right now, for a server the test starts.</summary>
    public static int Free() => Closed();
}
