using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PolicyArchiver.Demo;

namespace PolicyArchiver.Tests.Support;

/// <summary>
/// A policy website on 127.0.0.1 (random port) whose pages come from Fixtures/site/{v1,v2}.
/// Every test works in its own "tenant" (a URL prefix) with its own phase and request counters,
/// so tests can run in parallel against one server.
/// </summary>
public sealed class FixtureSite : IAsyncDisposable
{
    static FixtureSite() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static readonly string Root = Path.Combine(AppContext.BaseDirectory, "Fixtures", "site");
    public static readonly string BlockedRoot = Path.Combine(AppContext.BaseDirectory, "Fixtures", "blocked");
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Tenant> _tenants = new();

    public Uri BaseUrl { get; }

    private FixtureSite(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public static async Task<FixtureSite> StartAsync()
    {
        FixtureSite? site = null;
        var (app, baseUrl) = await LoopbackServer.StartAsync(app =>
            app.MapGet("/t/{tenant}/{**path}", (string tenant, string path, HttpContext http) => site!.Serve(tenant, path, http)));
        site = new FixtureSite(app, baseUrl);
        return site;
    }

    /// <summary>A fresh tenant: its own phase (starting at v1) and request counters.</summary>
    public Tenant NewTenant() => _tenants.GetOrAdd(Guid.NewGuid().ToString("N")[..12], id => new Tenant(id, new Uri(BaseUrl, $"/t/{id}/")));

    /// <summary>A test targets file (Fixtures/targets.json unless named) pointing at a tenant.</summary>
    public static string TargetsFor(Tenant tenant, string file = "targets.json") =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", file))
            .Replace("{{base}}", tenant.BaseUrl.AbsoluteUri.TrimEnd('/'), StringComparison.Ordinal);

    private async Task<IResult> Serve(string tenantId, string path, HttpContext http)
    {
        if (!_tenants.TryGetValue(tenantId, out var tenant)) return Results.NotFound();
        var count = tenant.Count(path);
        using var inFlight = tenant.Enter();
        return await ServeAsync(tenant, tenantId, path, count, http);
    }

    private async Task<IResult> ServeAsync(Tenant tenant, string tenantId, string path, int count, HttpContext http)
    {
        switch (path)
        {
            case "ru/privacy": return Page(tenant, "privacy-ru.html");
            case "kk/privacy": return Page(tenant, "privacy-kk.html");
            case "spa/offer": return Page(tenant, "offer-spa.html");
            case "spa/late": return Results.Content(LatePage, "text/html; charset=utf-8");
            case "spa/late.json":
                // The text arrives well after the page's load event, as from a slow API.
                await Task.Delay(TimeSpan.FromMilliseconds(400), http.RequestAborted);
                return Results.Json(new { clauses = LateClauses });
            case "docs/scanned.pdf":
                return Results.Bytes(await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "documents", "policy-scanned.pdf")), "application/pdf");
            case "docs/policy-kk.pdf": return Results.Bytes(await File.ReadAllBytesAsync(PathOf(tenant, "policy-kk.pdf")), "application/pdf");
            case "cp1251/terms":
                // Declared only by the page's meta element, as many older Kazakh sites do.
                var html = Noise.Fill(await File.ReadAllTextAsync(PathOf(tenant, "terms-cp1251.html")), DateTimeOffset.UtcNow);
                return Results.Bytes(Encoding.GetEncoding("windows-1251").GetBytes(html), "text/html");
            case "old/privacy": return Results.Redirect($"/t/{tenantId}/ru/privacy", permanent: true);
            case "flaky/terms":
                return count <= tenant.FlakyFailures
                    ? Results.Text("<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>", "text/html", statusCode: 503)
                    : Page(tenant, "privacy-kk.html");
            case "down": return Results.Text("<html><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>", "text/html", statusCode: 502);
            case "challenge": return Results.Content(Noise.Fill(await File.ReadAllTextAsync(PathOf(tenant, "challenge.html")), DateTimeOffset.UtcNow), "text/html; charset=utf-8", Encoding.UTF8, 403);
            case "captcha": return Page(tenant, "captcha.html");
            case var blocked when blocked.StartsWith("blocked/", StringComparison.Ordinal):
                // The pages of Fixtures/blocked/ (its README.md says what each is), as stored.
                var file = Path.Combine(BlockedRoot, Path.GetFileName(blocked));
                return File.Exists(file) ? Results.Content(await File.ReadAllTextAsync(file), "text/html; charset=utf-8") : Results.NotFound();
            case "empty": return Results.Content("<!doctype html><html><head><title>Загрузка…</title></head><body><div id=\"root\">Загрузка…</div></body></html>", "text/html; charset=utf-8");
            case "slow":
                await Task.Delay(TimeSpan.FromSeconds(30), http.RequestAborted);
                return Page(tenant, "privacy-ru.html");
            default: return Results.NotFound();
        }
    }

    /// <summary>Clauses a script fetches a moment after the page has loaded, with nothing in flight at its load event.</summary>
    public static readonly string[] LateClauses =
    [
        "1. Настоящая публичная оферта размещена на сайте и загружается сценарием после открытия страницы.",
        "2. Банк вправе изменять условия оферты, уведомив клиента за десять календарных дней.",
    ];

    private const string LatePage = """
        <!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Публичная оферта</title></head>
        <body><main id="root">Загрузка…</main>
        <script>
          window.addEventListener("load", () => setTimeout(async () => {
            const data = await (await fetch("late.json")).json();
            document.getElementById("root").innerHTML = "<h1>Публичная оферта</h1>" + data.clauses.map(c => "<p>" + c + "</p>").join("");
          }, 60));
        </script></body></html>
        """;

    private static IResult Page(Tenant tenant, string name) =>
        Results.Content(Noise.Fill(File.ReadAllText(PathOf(tenant, name)), DateTimeOffset.UtcNow), "text/html; charset=utf-8");

    private static string PathOf(Tenant tenant, string name) => Path.Combine(Root, tenant.Phase, name);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public sealed class Tenant(string id, Uri baseUrl)
    {
        private readonly ConcurrentDictionary<string, int> _requests = new();
        public string Id { get; } = id;
        public Uri BaseUrl { get; } = baseUrl;

        /// <summary>Which state of the site is served: v1, or v2 after the companies edited some documents.</summary>
        public string Phase { get; set; } = "v1";

        /// <summary>How many requests to flaky/terms fail with 503 before it answers.</summary>
        public int FlakyFailures { get; set; } = 1;

        private int _inFlight;
        private int _maxInFlight;

        public int Requests(string path) => _requests.GetValueOrDefault(path);

        /// <summary>The most document requests this tenant ever had in flight at once: politeness says 1.</summary>
        public int MaxInFlight => Volatile.Read(ref _maxInFlight);

        internal IDisposable Enter()
        {
            var now = Interlocked.Increment(ref _inFlight);
            int max;
            while (now > (max = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, max) != max)
            {
            }
            return new Leave(this);
        }

        private sealed class Leave(Tenant tenant) : IDisposable
        {
            public void Dispose() => Interlocked.Decrement(ref tenant._inFlight);
        }

        internal int Count(string path) => _requests.AddOrUpdate(path, 1, (_, n) => n + 1);
    }
}
