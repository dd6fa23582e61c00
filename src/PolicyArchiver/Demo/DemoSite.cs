using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PolicyArchiver.Demo;

/// <summary>
/// The bundled site of fictional companies that <c>demo</c> archives: served on 127.0.0.1 from
/// the program's embedded resources, in two phases (<c>v1</c>, then <c>v2</c> after some documents changed),
/// with the stylesheet and logo every page loads, so that its screenshots and replays look like a real site's.
/// </summary>
internal sealed class DemoSite : IAsyncDisposable
{
    private static readonly Assembly Resources = typeof(DemoSite).Assembly;
    private readonly WebApplication _app;
    private readonly TimeProvider _time;

    public string Phase { get; set; } = "v1";
    public Uri BaseUrl { get; }

    private DemoSite(WebApplication app, Uri baseUrl, TimeProvider time)
    {
        _app = app;
        _time = time;
        BaseUrl = baseUrl;
    }

    /// <param name="time">The clock the pages' <c>{{now}}</c> noise shows.</param>
    public static async Task<DemoSite> StartAsync(TimeProvider time, CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        DemoSite? site = null;
        app.MapGet("/{**path}", (string? path) => site!.Serve(path ?? "index.html"));
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        site = new DemoSite(app, new Uri(address), time);
        return site;
    }

    /// <summary>The demo's targets.json, pointing at this site.</summary>
    public string Targets() => Read("Demo/targets.json")!.Replace("{{base}}", BaseUrl.AbsoluteUri.TrimEnd('/'), StringComparison.Ordinal);

    private IResult Serve(string path)
    {
        if (path.Length == 0 || path.EndsWith('/')) path += "index.html";
        // The stylesheet and images are the same in both phases: only documents change.
        var name = path.StartsWith("static/", StringComparison.Ordinal) ? $"Demo/{path}" : $"Demo/{Phase}/{path}";
        using var stream = Resources.GetManifestResourceStream(name);
        if (stream is null) return Results.NotFound();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        if (Path.GetExtension(path) is var extension && extension != ".html")
            return Results.Bytes(buffer.ToArray(), extension switch
            {
                ".pdf" => "application/pdf",
                ".css" => "text/css; charset=utf-8",
                ".svg" => "image/svg+xml",
                ".png" => "image/png",
                _ => "application/octet-stream",
            });
        var html = Noise.Fill(Encoding.UTF8.GetString(buffer.ToArray()), _time.GetUtcNow());
        return Results.Content(html, "text/html; charset=utf-8");
    }

    private static string? Read(string name)
    {
        using var stream = Resources.GetManifestResourceStream(name);
        if (stream is null) return null;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
