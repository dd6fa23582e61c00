using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PolicyArchiver.Tests.Support;

/// <summary>
/// Two companies' document pages on 127.0.0.1 (random port), from Fixtures/coverage/ (its
/// README.md says what each page is for): Kazakh and Russian policies, a "Kazakh" page serving
/// Russian, a vanished page, a bilingual page and a link to previous editions.
/// </summary>
public sealed class CoverageSite : IAsyncDisposable
{
    public static readonly string Root = Path.Combine(AppContext.BaseDirectory, "Fixtures", "coverage");

    /// <summary>Which file answers which path; every other path is a 404.</summary>
    private static readonly Dictionary<string, string> Pages = new(StringComparer.Ordinal)
    {
        ["dalamarket/kk/privacy"] = "dalamarket-privacy-kk.html",
        ["dalamarket/ru/privacy"] = "dalamarket-privacy-ru.html",
        ["dalamarket/ru/privacy/archive"] = "dalamarket-archive.html",
        ["dalamarket/kk/terms"] = "dalamarket-terms-kk.html",
        ["dalamarket/ru/terms"] = "dalamarket-terms-ru.html",
        ["steppetelecom/kk/privacy"] = "steppetelecom-privacy-kk.html",
        ["steppetelecom/offer"] = "steppetelecom-offer.html",
    };

    private readonly WebApplication _app;

    public Uri BaseUrl { get; }

    private CoverageSite(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public static async Task<CoverageSite> StartAsync()
    {
        var (app, baseUrl) = await LoopbackServer.StartAsync(app => app.MapGet("/{**path}", (string? path) => Pages.TryGetValue(path ?? "", out var file)
            ? Results.Content(File.ReadAllText(Path.Combine(Root, file)), "text/html; charset=utf-8")
            : Results.NotFound()));
        return new CoverageSite(app, baseUrl);
    }

    /// <summary>Fixtures/coverage/targets.json pointing at this site.</summary>
    public string Targets() =>
        File.ReadAllText(Path.Combine(Root, "targets.json")).Replace("{{base}}", BaseUrl.AbsoluteUri.TrimEnd('/'), StringComparison.Ordinal);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
