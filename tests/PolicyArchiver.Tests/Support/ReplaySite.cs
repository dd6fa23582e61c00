using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace PolicyArchiver.Tests.Support;

/// <summary>
/// A bank's site as pages really load, on two loopback origins, from Fixtures/replay: the site
/// (<c>index.html</c>, <c>terms.html</c>, <c>cookies.html</c> sharing one stylesheet that @imports
/// another, a header image and a logo; <c>scripted.html</c>, whose policy text a script fetches
/// from <c>/api/policy.json</c> over XHR) and a "CDN" on another port serving the web font and a
/// seal image by absolute URL, with CORS as CDNs send it. Every request is logged, so a test can
/// tell whether a replay reached the live site. Tests may add paths of their own (<see cref="Add"/>).
/// </summary>
public sealed class ReplaySite : IAsyncDisposable
{
    public static readonly string Root = Path.Combine(AppContext.BaseDirectory, "Fixtures", "replay");

    /// <summary>The documents that share the site's stylesheet, font and images, in the order a site adds them.</summary>
    public static readonly string[] StaticPages = ["index.html", "terms.html", "cookies.html"];

    private readonly ConcurrentDictionary<string, (byte[] Body, string Type)> _extra = new();
    private readonly ConcurrentQueue<string> _requests = new();
    private WebApplication? _site;
    private WebApplication? _cdn;

    public Uri BaseUrl { get; private set; } = null!;

    public Uri CdnUrl { get; private set; } = null!;

    /// <summary>Every URL asked of either origin, in order.</summary>
    public IReadOnlyCollection<string> Requests => _requests;

    public static async Task<ReplaySite> StartAsync()
    {
        var site = new ReplaySite();
        (site._cdn, site.CdnUrl) = await LoopbackServer.StartAsync(app => app.MapGet("/{**path}", (string path, HttpContext http) => site.Serve("cdn/" + path, http, cors: true)));
        (site._site, site.BaseUrl) = await LoopbackServer.StartAsync(app => app.MapMethods("/{**path}", [HttpMethods.Get, HttpMethods.Post],
            (string? path, HttpContext http) => site.Serve(string.IsNullOrEmpty(path) ? "index.html" : path, http, cors: false)));
        return site;
    }

    /// <summary>The URL of a page or asset of the site.</summary>
    public Uri Page(string path) => new(BaseUrl, path);

    /// <summary>Serves <paramref name="body"/> at <paramref name="path"/> of the site (e.g. a large image for the caps).</summary>
    public void Add(string path, byte[] body, string contentType) => _extra[path.TrimStart('/')] = (body, contentType);

    private IResult Serve(string path, HttpContext http, bool cors)
    {
        _requests.Enqueue(http.Request.Scheme + "://" + http.Request.Host + http.Request.Path + http.Request.QueryString);
        if (cors) http.Response.Headers.AccessControlAllowOrigin = "*";
        if (_extra.TryGetValue(path, out var extra)) return Results.Bytes(extra.Body, extra.Type);
        var file = Path.GetFullPath(Path.Combine(Root, path));
        // The CDN's files are not the site's, and nothing outside the fixture is served.
        if (!file.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || (!cors && path.StartsWith("cdn/", StringComparison.Ordinal)) || !File.Exists(file))
            return Results.NotFound();
        var type = TypeOf(file);
        if (!type.StartsWith("text/", StringComparison.Ordinal) && type != "application/json" && type != "application/javascript")
            return Results.Bytes(File.ReadAllBytes(file), type);
        var text = File.ReadAllText(file).Replace("{{cdn}}", CdnUrl.AbsoluteUri.TrimEnd('/'), StringComparison.Ordinal);
        return Results.Text(text, type + "; charset=utf-8");
    }

    private static string TypeOf(string file) => Path.GetExtension(file) switch
    {
        ".html" => "text/html",
        ".css" => "text/css",
        ".js" => "application/javascript",
        ".json" => "application/json",
        ".png" => "image/png",
        ".ttf" => "font/ttf",
        _ => "application/octet-stream",
    };

    /// <summary>Stops both origins: what a replay needs from now on must come from the archive.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var app in new[] { _site, _cdn })
        {
            if (app is null) continue;
            await app.StopAsync();
            await app.DisposeAsync();
        }
        _site = _cdn = null;
    }
}
