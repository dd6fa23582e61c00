using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace PolicyArchiver.Tests.Support;

/// <summary>
/// A policy page on 127.0.0.1 with the per-request noise of real Kazakh bank sites, each kind in
/// the article itself: a CSRF token and cache-busting <c>?v=</c>, an e-mail link whose address is
/// entity-encoded in a different mix of decimal and hex entities on every request, an address
/// with a hidden anti-spam code that changes each time, "updated N minutes ago", a rotating notice,
/// a support ticket number and a timestamp. The page comes from Fixtures/noise/policy.html; each
/// test works in its own tenant, whose settings make real edits.
/// </summary>
public sealed class NoiseSite : IAsyncDisposable
{
    private static readonly string Template = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "noise", "policy.html"));
    private static readonly string[] Notices =
    [
        "Оформите карту онлайн за 5 минут",
        "Переводы без комиссии до конца месяца",
        "Новое мобильное приложение уже доступно",
    ];

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Tenant> _tenants = new();

    public Uri BaseUrl { get; }

    private NoiseSite(WebApplication app, Uri baseUrl) => (_app, BaseUrl) = (app, baseUrl);

    public static async Task<NoiseSite> StartAsync()
    {
        NoiseSite? site = null;
        var (app, baseUrl) = await LoopbackServer.StartAsync(app =>
            app.MapGet("/t/{tenant}/privacy", (string tenant) => site!.Serve(tenant)));
        return site = new NoiseSite(app, baseUrl);
    }

    public Tenant NewTenant() => _tenants.GetOrAdd(Guid.NewGuid().ToString("N")[..12], id => new Tenant(id, new Uri(BaseUrl, $"/t/{id}/privacy")));

    /// <summary>targets.json with one document, the tenant's page, and these extra document fields (JSON, may be empty).</summary>
    public static string TargetsFor(Tenant tenant, string extraFields = "") => $$"""
        { "companies": [ { "id": "noisybank", "name": "АО «Шумный Банк»", "sector": "bank", "homepage": "{{tenant.Url.GetLeftPart(UriPartial.Authority)}}/",
          "documents": [ { "id": "privacy-policy-ru", "type": "privacy-policy", "language": "ru", "url": "{{tenant.Url}}"{{extraFields}} } ] } ] }
        """;

    private IResult Serve(string id)
    {
        if (!_tenants.TryGetValue(id, out var tenant)) return Results.NotFound();
        // Rotating parts turn round-robin, as many CMS widgets do, so two requests in a row always differ.
        var n = Interlocked.Increment(ref tenant.RequestCount);
        var html = Template
            .Replace("{{tenant}}", id)
            .Replace("{{nonce}}", Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()))
            .Replace("{{minutes}}", (2 + n * 7 % 57).ToString())
            .Replace("{{rotating}}", Notices[n % Notices.Length])
            .Replace("{{retention}}", tenant.FlipRetention is { } other && n % 2 == 0 ? other : tenant.Retention)
            .Replace("{{office-entities}}", EntityEncoded("office@noisybank.kz"))
            // Hidden by the site's stylesheet, but text in the page: a spam trap that differs per request.
            .Replace("{{address}}", $"{tenant.User}<span class=\"trap\" style=\"display:none\">{Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())[..10]}</span>@noisybank.kz")
            .Replace("{{ticket}}", Random.Shared.Next(100000, 999999).ToString())
            .Replace("{{timestamp}}", DateTimeOffset.UtcNow.ToString("O"));
        if (tenant.Clauses > 0) html = html.Replace("</article>", Clauses(tenant.Clauses) + "</article>");
        if (tenant.LookAlikes) html = WithLookAlikes(html);
        tenant.Served.Enqueue(Encoding.UTF8.GetBytes(html));
        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8);
    }

    private static readonly string[] Words =
        ["Банк", "обрабатывает", "персональные", "данные", "клиента", "в", "целях", "исполнения", "договора", "и", "соблюдения", "требований",
         "законодательства", "Республики", "Казахстан", "срок", "хранения", "согласие", "субъекта", "третьим", "лицам", "передача", "защита", "информации"];

    /// <summary>Further clauses, the same on every request: the body of a long policy (a 120 KB page takes about 400).</summary>
    private static string Clauses(int count)
    {
        var sb = new StringBuilder();
        var random = new Random(count);
        for (var i = 1; i <= count; i++)
        {
            sb.Append("<p>5.").Append(i).Append(". ");
            for (var w = 0; w < 30; w++) sb.Append(Words[random.Next(Words.Length)]).Append(w == 29 ? "." : " ");
            sb.Append("</p>\n");
        }
        return sb.ToString();
    }

    /// <summary>Each character as a decimal or a hex entity at random, and the whole written once more as entities of entities.</summary>
    private static string EntityEncoded(string address)
    {
        var sb = new StringBuilder();
        foreach (var c in address) sb.Append(Random.Shared.Next(2) == 0 ? $"&amp;#{(int)c};" : $"&amp;#x{(int)c:x};");
        return sb.ToString();
    }

    /// <summary>
    /// The same text with look-alikes swapped in, as pages pasted between systems have it: Latin о,
    /// с, е and а inside Russian words, and a non-breaking space between words.
    /// </summary>
    private static string WithLookAlikes(string html)
    {
        var start = html.IndexOf("<article>", StringComparison.Ordinal);
        var end = html.IndexOf("</article>", StringComparison.Ordinal);
        var article = html[start..end]
            .Replace("Политика", "Пoлитика").Replace("данных", "дaнных").Replace("Банк", "Бaнк")
            .Replace("обработки", "oбрабoтки").Replace("счетам", "cчетам").Replace("момента", "мoмента")
            .Replace("данные в", "данные\u00a0в");
        return html[..start] + article + html[end..];
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public sealed class Tenant(string id, Uri url)
    {
        public string Id { get; } = id;
        public Uri Url { get; } = url;

        /// <summary>Clause 3.1's retention period: the company's own edit.</summary>
        public string Retention { get; set; } = "3 года";

        /// <summary>When set, every other request serves this retention period instead: a site half deployed.</summary>
        public string? FlipRetention { get; set; }

        /// <summary>The contact address's mailbox, next to its per-request code: changing it is a real change inside a volatile place.</summary>
        public string User { get; set; } = "privacy";

        /// <summary>Serve the text with Latin look-alikes inside Russian words.</summary>
        public bool LookAlikes { get; set; }

        public int RequestCount;

        /// <summary>How many further clauses the policy has after its own (none by default).</summary>
        public int Clauses { get; set; }

        /// <summary>The exact bytes of every response served, in order: what an archive must give back.</summary>
        public ConcurrentQueue<byte[]> Served { get; } = new();
    }
}
