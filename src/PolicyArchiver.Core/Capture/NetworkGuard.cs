using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace PolicyArchiver.Capture;

/// <summary>
/// Keeps one capture on the public Internet and on its target, so that a site cannot turn the
/// archiver against the network it runs in (server-side request forgery): a request, a redirect or
/// a subresource to a special address — loopback, private (RFC 1918, fc00::/7), link-local
/// (169.254/16, fe80::/10, which holds the cloud metadata services), unspecified or multicast — is
/// refused, unless that address is the target's own endpoint (its IP address and port: the
/// archiver of an intranet site, or of a fixture on 127.0.0.1, may fetch from it) or lies in a
/// network the operator allowed (<see cref="CaptureOptions.AllowedNetworks"/>). The target's own
/// IP on another port is another service, so it is refused too.
/// </summary>
/// <remarks>
/// Host names are resolved before deciding, and the fetcher connects only to the addresses that
/// were judged. Chromium resolves a subresource's name again on its own, so a name that changes its
/// answer between the two lookups (DNS rebinding) can still reach a subresource; the document's own
/// bytes, which are what the archive keeps, never come from such an address.
/// </remarks>
internal sealed class NetworkGuard
{
    private readonly HashSet<IPEndPoint> _target;
    private readonly IReadOnlyList<IPNetwork> _allowed;
    private readonly bool _loopbackOnly;
    private readonly ConcurrentDictionary<string, Task<IPAddress[]>> _names = new(StringComparer.OrdinalIgnoreCase);

    private NetworkGuard(HashSet<IPEndPoint> target, IReadOnlyList<IPNetwork> allowed, bool loopbackOnly) =>
        (_target, _allowed, _loopbackOnly) = (target, allowed, loopbackOnly);

    /// <summary>The guard of one capture of <paramref name="target"/>: its own endpoints are the ones allowed.</summary>
    public static async Task<NetworkGuard> ForAsync(Uri target, CaptureOptions options, CancellationToken ct)
    {
        var guard = new NetworkGuard([], options.AllowedNetworks.Select(IPNetwork.Parse).ToList(), options.LoopbackOnly);
        foreach (var address in await guard.ResolveAsync(target.IdnHost, ct))
            guard._target.Add(new IPEndPoint(Normal(address), target.Port));
        return guard;
    }

    /// <summary>Why a request to <paramref name="url"/> is refused, or null when it may be made.</summary>
    public async Task<string?> RefusalAsync(Uri url, CancellationToken ct)
    {
        if (url.Scheme is not ("http" or "https")) return null;
        foreach (var address in await ResolveAsync(url.IdnHost, ct))
            if (Refusal(new IPEndPoint(address, url.Port)) is { } why) return $"{why}: {url.GetLeftPart(UriPartial.Authority)} ({address})";
        return null;
    }

    /// <summary>Why a connection to <paramref name="endpoint"/> is refused, or null.</summary>
    public string? Refusal(IPEndPoint endpoint)
    {
        var address = Normal(endpoint.Address);
        if (Kind(address) is not { } kind) return null;
        if (_target.Contains(new IPEndPoint(address, endpoint.Port)) || _allowed.Any(n => n.Contains(address))) return null;
        return $"{kind} refused";
    }

    /// <summary>The host's addresses; none for a name that a loopback-only capture does not resolve.</summary>
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct)
    {
        if (IPAddress.TryParse(host.Trim('[', ']'), out var literal)) return Task.FromResult(new[] { Normal(literal) });
        if (_loopbackOnly && !host.Equals("localhost", StringComparison.OrdinalIgnoreCase)) return Task.FromResult(Array.Empty<IPAddress>());
        // One lookup per name per capture: a page's hundred images from one CDN ask once.
        return _names.GetOrAdd(host, h => LookUpAsync(h, ct));
    }

    private static async Task<IPAddress[]> LookUpAsync(string host, CancellationToken ct)
    {
        try
        {
            return [.. (await Dns.GetHostAddressesAsync(host, ct)).Select(Normal)];
        }
        catch (SocketException)
        {
            return []; // the connection itself will fail as a DNS failure, reported as such
        }
    }

    private static readonly IPNetwork[] Private = [IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("172.16.0.0/12"), IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("100.64.0.0/10"), IPNetwork.Parse("fc00::/7")];
    private static readonly IPNetwork[] LinkLocal = [IPNetwork.Parse("169.254.0.0/16"), IPNetwork.Parse("fe80::/10")];
    private static readonly IPAddress[] Metadata = [IPAddress.Parse("169.254.169.254"), IPAddress.Parse("fd00:ec2::254")];
    private static readonly IPNetwork ThisNetwork = IPNetwork.Parse("0.0.0.0/8");
    private static readonly IPNetwork MulticastAndReserved = IPNetwork.Parse("224.0.0.0/3");

    /// <summary>What kind of special address this is, in the words a detail shows; null for a public address.</summary>
    public static string? Kind(IPAddress address)
    {
        address = Normal(address);
        if (Metadata.Contains(address)) return "a cloud metadata address";
        if (IPAddress.IsLoopback(address)) return "a loopback address";
        if (LinkLocal.Any(n => n.Contains(address))) return "a link-local address";
        if (Private.Any(n => n.Contains(address))) return "a private address";
        if (address.Equals(IPAddress.IPv6Any) || ThisNetwork.Contains(address)) return "an unspecified address";
        if (address.AddressFamily == AddressFamily.InterNetworkV6 ? address.IsIPv6Multicast : MulticastAndReserved.Contains(address)) return "a multicast address";
        return null;
    }

    /// <summary>An IPv4 address written as IPv6 (::ffff:10.0.0.1) is the IPv4 address.</summary>
    private static IPAddress Normal(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
