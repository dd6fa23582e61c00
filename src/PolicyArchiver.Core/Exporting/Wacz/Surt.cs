using System.Text;

namespace PolicyArchiver.Exporting.Wacz;

/// <summary>
/// The Sort-friendly URI Reordering Transform that CDXJ indexes are keyed and sorted by, as pywb
/// and the <c>surt</c> library write it: <c>http://www.Example.com:8080/a?b=2&amp;a=1</c> becomes
/// <c>com,example:8080)/a?a=1&amp;b=2</c> — host labels reversed (an IP address kept as it is), a
/// leading <c>www.</c> and the default port dropped, query arguments sorted, all lower case.
/// Anything but http(s) (our <c>urn:policyarchiver:…</c> resources) is keyed by the URI itself.
/// </summary>
internal static class Surt
{
    public static string Key(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")) return url.ToLowerInvariant();
        var host = uri.Host.ToLowerInvariant().TrimEnd('.');
        var key = new StringBuilder();
        if (uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6)
        {
            key.Append(host);
        }
        else
        {
            if (host.StartsWith("www.", StringComparison.Ordinal) && host.Length > 4) host = host[4..];
            key.AppendJoin(',', host.Split('.').Reverse());
        }
        if (!uri.IsDefaultPort) key.Append(':').Append(uri.Port);
        key.Append(')').Append(uri.AbsolutePath);
        var query = uri.Query.TrimStart('?');
        if (query.Length > 0) key.Append('?').AppendJoin('&', query.Split('&').Order(StringComparer.Ordinal));
        return key.ToString().ToLowerInvariant();
    }
}
