using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PolicyArchiver.Tests.Support;

/// <summary>
/// A bank's homepage in three languages with a documents page, on 127.0.0.1 at its own root (a
/// homepage is "/"), from Fixtures/discovery/{v1,v2}: v2 is a redesign that moves and drops links.
/// </summary>
public sealed class DiscoverySite : IAsyncDisposable
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "Fixtures", "discovery");
    private readonly WebApplication _app;

    public Uri BaseUrl { get; }
    public string Phase { get; set; } = "v1";

    private DiscoverySite(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public static async Task<DiscoverySite> StartAsync()
    {
        DiscoverySite? site = null;
        var (app, baseUrl) = await LoopbackServer.StartAsync(app => app.MapGet("/{**path}", (string? path) => site!.Serve(path ?? "")));
        site = new DiscoverySite(app, baseUrl);
        return site;
    }

    private IResult Serve(string path) => path.TrimEnd('/') switch
    {
        "" => Page("index.html"),
        "kz" => Page("kz.html"),
        "en" => Page("en.html"),
        "ru/documents" => Page("documents.html"),
        // The documents themselves: discovery only follows links to them, it does not read them.
        "ru/privacy" or "kz/privacy" or "en/privacy" or "ru/agreement" or "kz/agreement" or "en/terms" or "ru/consent" or "ru/cookies" =>
            Results.Content($"<!DOCTYPE html><html><body><h1>{path}</h1></body></html>", "text/html; charset=utf-8"),
        _ => Results.NotFound(),
    };

    private IResult Page(string name) =>
        Results.Content(File.ReadAllText(Path.Combine(Root, Phase, name)), "text/html; charset=utf-8");

    /// <summary>targets.json for the bank: five documents, four of them linked at first.</summary>
    public string Targets() => $$"""
        {
          "companies": [
            {
              "id": "discobank", "name": "АО «Дискавери Банк»", "sector": "banking", "homepage": "{{BaseUrl}}",
              "documents": [
                { "id": "privacy-policy-ru", "type": "privacy-policy", "language": "ru", "url": "{{BaseUrl}}ru/privacy" },
                { "id": "privacy-policy-kk", "type": "privacy-policy", "language": "kk", "url": "{{BaseUrl}}kz/privacy" },
                { "id": "user-agreement-kk", "type": "user-agreement", "language": "kk", "url": "{{BaseUrl}}kz/agreement" },
                { "id": "user-agreement-ru", "type": "user-agreement", "language": "ru", "url": "{{BaseUrl}}ru/agreement" },
                { "id": "public-offer-ru", "type": "public-offer", "language": "ru", "url": "{{BaseUrl}}docs/offer.pdf" }
              ]
            }
          ]
        }
        """;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
