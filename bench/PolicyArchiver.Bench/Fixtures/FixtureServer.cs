using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace PolicyArchiver.Bench.Fixtures;

/// <summary>
/// Serves a <see cref="FixtureSite"/> with Kestrel, one listening address per company
/// (127.0.0.1 … 127.0.0.N, one port), so that the program's per-host politeness sees N hosts.
/// It runs in the harness process, outside the measured process tree.
/// </summary>
public sealed class FixtureServer : IAsyncDisposable
{
    private const string Css = "body{font-family:sans-serif;max-width:60em;margin:auto}.cookie-banner{position:fixed;bottom:0}";

    private readonly WebApplication _app;

    private FixtureServer(WebApplication app) => _app = app;

    /// <summary>Number of requests served, all paths.</summary>
    public static long Requests;

    public static async Task<FixtureServer> StartAsync(FixtureSite site, int port, CancellationToken ct)
    {
        var byPath = site.Documents.ToDictionary(d => (d.Host, d.Path));
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            for (var h = 1; h <= site.Hosts; h++) k.Listen(IPAddress.Parse($"127.0.0.{h}"), port);
        });
        var app = builder.Build();
        app.Run(async context =>
        {
            Interlocked.Increment(ref Requests);
            var host = context.Connection.LocalIpAddress?.GetAddressBytes() is { Length: 4 } a ? a[3] : 0;
            var path = context.Request.Path.Value ?? "/";
            if (path == "/static/site.css")
            {
                context.Response.ContentType = "text/css";
                await context.Response.WriteAsync(Css, context.RequestAborted);
                return;
            }
            if (!byPath.TryGetValue((host, path), out var doc))
            {
                context.Response.StatusCode = path == "/" ? 200 : 404;
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.WriteAsync("<!DOCTYPE html><html><body><h1>Компания</h1></body></html>", context.RequestAborted);
                return;
            }
            if (doc.Pdf is { } pdf)
            {
                context.Response.ContentType = "application/pdf";
                await context.Response.Body.WriteAsync(pdf, context.RequestAborted);
                return;
            }
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.Headers.CacheControl = "no-store";
            var page = NoiseFiller.Fill(doc.Edited ? doc.EditedTemplate! : doc.Template!);
            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(page), context.RequestAborted);
        });
        await app.StartAsync(ct);
        return new FixtureServer(app);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
