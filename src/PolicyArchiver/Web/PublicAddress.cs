using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace PolicyArchiver.Web;

/// <summary>
/// The site's own address, for the absolute links that leave it (Atom feeds, Memento headers):
/// the configured public URL (<c>PolicyArchiver:Web:PublicUrl</c>, <c>--public-url</c>), else the
/// address it listens on. Never the request's Host header, which any client sets at will: a
/// forged Host would otherwise send feed readers and Memento clients elsewhere. Behind a reverse
/// proxy that terminates TLS, <see cref="TrustForwardedProto"/> takes the scheme from
/// <c>X-Forwarded-Proto</c> (http or https only); the host still comes from configuration.
/// </summary>
internal sealed class PublicAddress(Uri? publicUrl, bool trustForwardedProto)
{
    /// <summary>Where the web archive listens unless told otherwise: loopback only.</summary>
    public const string DefaultUrls = "http://127.0.0.1:5080";

    public Uri? PublicUrl { get; } = publicUrl;

    public bool TrustForwardedProto { get; } = trustForwardedProto;

    public static Uri Of(HttpContext http) => http.RequestServices.GetRequiredService<PublicAddress>().Resolve(http);

    /// <summary>
    /// The configured public URL (its scheme from a trusted proxy), or null when none is configured:
    /// for what must name the address the browser itself uses, such as a replayed page's load policy.
    /// </summary>
    public static Uri? Configured(HttpContext http) =>
        http.RequestServices.GetRequiredService<PublicAddress>() is { PublicUrl: not null } address ? address.Resolve(http) : null;

    private Uri Resolve(HttpContext http)
    {
        var site = PublicUrl ?? Listening(http);
        if (!TrustForwardedProto) return site;
        var scheme = http.Request.Headers["X-Forwarded-Proto"].FirstOrDefault()?.Split(',')[0].Trim().ToLowerInvariant();
        return scheme is "http" or "https" && scheme != site.Scheme
            ? new UriBuilder(site) { Scheme = scheme, Port = site.IsDefaultPort ? -1 : site.Port }.Uri
            : site;
    }

    /// <summary>The first address the server listens on; a wildcard host ("0.0.0.0", "*", "[::]") reads as localhost.</summary>
    private static Uri Listening(HttpContext http)
    {
        var address = http.RequestServices.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? DefaultUrls;
        var uri = new Uri(address.Replace("://*", "://localhost", StringComparison.Ordinal).Replace("://+", "://localhost", StringComparison.Ordinal));
        var host = uri.Host is "0.0.0.0" or "[::]" or "::" ? "localhost" : uri.Host;
        return new UriBuilder(uri.Scheme, host, uri.Port, "/").Uri;
    }

    /// <summary>Checks a configured public URL: absolute http(s), no credentials, query or fragment. Null when fine.</summary>
    public static string? Problem(string value) =>
        !Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            ? $"\"{value}\" is not an absolute http(s) URL"
            : uri.UserInfo.Length > 0 ? "must not carry credentials"
            : uri.Query.Length > 0 || uri.Fragment.Length > 0 ? "must not have a query or fragment"
            // The site's own links are rooted ("/companies/…"): it is served at the root of its address.
            : uri.AbsolutePath != "/" ? "must be the root of the site's address (no path): the site is served at /"
            : null;
}
