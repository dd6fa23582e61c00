using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace PolicyArchiver.Bench.Fixtures;

/// <summary>
/// Serves one huge page three ways on 127.0.0.1 with Kestrel, in the harness process (outside the
/// measured tree): <c>/privacy.html</c> streamed as generated, <c>/privacy-gzip.html</c> the same
/// page with <c>Content-Encoding: gzip</c> (a few megabytes that expand to the page), and
/// <c>/privacy.pdf</c> a PDF-typed body of the same size; <c>/privacy-30.html</c> is a page of
/// 30 MiB, just under the extraction limit, whose text is extracted. Every path says its
/// Content-Length, as a real server of a static file would.
/// </summary>
public sealed class HugePageServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private HugePageServer(WebApplication app) => _app = app;

    public const long SmallerBytes = 30L * 1024 * 1024;

    /// <param name="Huge">Whether it is the huge page (else the smaller one).</param>
    public static readonly IReadOnlyList<(string Id, string Path, bool Huge)> Documents =
        [("privacy-html", "/privacy.html", true), ("privacy-gzip", "/privacy-gzip.html", true), ("privacy-pdf", "/privacy.pdf", true), ("privacy-html-30", "/privacy-30.html", false)];

    public static async Task<HugePageServer> StartAsync(long size, int port, CancellationToken ct)
    {
        var html = new HugePage(size);
        var gzip = await html.GzipAsync(ct);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var pages = new Dictionary<string, (HugePage Page, string ContentType)>
        {
            ["/privacy.html"] = (html, "text/html; charset=utf-8"),
            ["/privacy-30.html"] = (new HugePage(SmallerBytes), "text/html; charset=utf-8"),
            ["/privacy.pdf"] = (new HugePage(size, pdf: true), "application/pdf"),
        };
        app.Run(async context =>
        {
            var response = context.Response;
            var path = context.Request.Path.Value ?? "/";
            if (path == "/privacy-gzip.html")
            {
                response.ContentType = "text/html; charset=utf-8";
                response.Headers.ContentEncoding = "gzip";
                response.ContentLength = gzip.Length;
                await response.Body.WriteAsync(gzip, context.RequestAborted);
                return;
            }
            if (!pages.TryGetValue(path, out var served))
            {
                response.StatusCode = 404;
                return;
            }
            response.ContentType = served.ContentType;
            response.ContentLength = served.Page.Size;
            await served.Page.WriteAsync(response.Body, context.RequestAborted);
        });
        await app.StartAsync(ct);
        Console.Error.WriteLine($"huge page server: {size / 1048576.0:0} MiB page, gzip {gzip.Length / 1048576.0:0.0} MiB, on 127.0.0.1:{port}");
        return new HugePageServer(app);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
