namespace PolicyArchiver.Importing;

/// <summary>
/// URLs compared as the same page: scheme, letter case of the host, default port, trailing slash
/// and fragment do not matter.
/// </summary>
internal static class UrlKey
{
    public static string? Of(string url)
    {
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)) return null;
        var path = uri.AbsolutePath.Length > 1 ? uri.AbsolutePath.TrimEnd('/') : "";
        var port = uri.IsDefaultPort ? "" : ":" + uri.Port;
        return $"{uri.Host.ToLowerInvariant()}{port}{path}{uri.Query}";
    }
}
