using System.Text;
using System.Text.Json;

namespace PolicyArchiver.Bench.Fixtures;

/// <summary>
/// The local site the program captures: <c>documents</c> documents spread evenly over
/// <c>hosts</c> companies, company <c>h</c> on 127.0.0.h. About 10% are PDFs, 20% are
/// script-rendered, the rest server-rendered HTML of 50–300 KB; Russian and Kazakh alternate.
/// Generation is seeded, so a size always yields the same site.
/// </summary>
public sealed class FixtureSite
{
    private static readonly string[] Types = ["privacy-policy", "user-agreement", "terms-of-service", "public-offer", "personal-data-policy"];

    private static readonly Dictionary<string, (string Ru, string Kk)> Titles = new()
    {
        ["privacy-policy"] = ("Политика конфиденциальности", "Құпиялылық саясаты"),
        ["user-agreement"] = ("Пользовательское соглашение", "Пайдаланушы келісімі"),
        ["terms-of-service"] = ("Условия обслуживания", "Қызмет көрсету шарттары"),
        ["public-offer"] = ("Публичная оферта", "Жария оферта"),
        ["personal-data-policy"] = ("Политика обработки персональных данных", "Дербес деректерді өңдеу саясаты"),
    };

    public IReadOnlyList<FixtureDocument> Documents { get; }
    public int Hosts { get; }

    private FixtureSite(IReadOnlyList<FixtureDocument> documents, int hosts) => (Documents, Hosts) = (documents, hosts);

    /// <param name="pageBytes">When set, every document is a server-rendered HTML page of about this size
    /// (the side-by-side comparison with Open Terms Archive: 120 KB pages, no PDFs, no scripts).</param>
    public static FixtureSite Generate(SeedText ru, SeedText kk, int documents, int hosts, int seed = 20240201, int? pageBytes = null)
    {
        var random = new Random(seed);
        var list = new List<FixtureDocument>();
        for (var i = 0; i < documents; i++)
        {
            var host = i % hosts + 1;
            var slot = i / hosts;
            var lang = (i + slot) % 2 == 0 ? "ru" : "kk";
            var type = Types[slot % Types.Length];
            var kind = pageBytes is not null ? PageKind.Html : i % 10 == 9 ? PageKind.Pdf : i % 5 == 2 ? PageKind.Script : PageKind.Html;
            var company = $"company-{host:D3}";
            var companyName = lang == "ru" ? $"ТОО «Компания {host}»" : $"«Компания {host}» ЖШС";
            var title = lang == "ru" ? Titles[type].Ru : Titles[type].Kk;
            // PDFs: 20–60 KB of text, 8–25 printed pages; HTML: 50–300 KB pages.
            var bytes = pageBytes ?? (kind == PageKind.Pdf ? random.Next(20_000, 60_000) : random.Next(45_000, 290_000));
            var blocks = PolicyText.Generate(lang == "ru" ? ru : kk, random, title, bytes);
            var id = $"{type}-{lang}-{slot + 1}";
            var doc = new FixtureDocument
            {
                Company = company, CompanyName = companyName, Id = id, Type = type, Language = lang, Host = host, Kind = kind,
                Path = kind == PageKind.Pdf ? $"/docs/{id}.pdf" : $"/docs/{id}", Blocks = blocks,
            };
            if (kind != PageKind.Pdf)
            {
                doc.Template = PageRenderer.Render(companyName, lang, blocks, kind);
                var edit = (lang == "ru" ? ru : kk).Sentence(random, 15, 30);
                doc.EditedTemplate = PageRenderer.Render(companyName, lang, PolicyText.EditClause(blocks, random.Next(1000), edit), kind);
            }
            list.Add(doc);
        }
        return new FixtureSite(list, hosts);
    }

    /// <summary>Prints every PDF document with Chromium.</summary>
    public async Task PrintPdfsAsync(CancellationToken ct)
    {
        var pdfs = Documents.Where(d => d.Kind == PageKind.Pdf).ToList();
        if (pdfs.Count == 0) return;
        await using var printer = await PdfPrinter.StartAsync();
        foreach (var d in pdfs) d.Pdf = await printer.PrintAsync(PageRenderer.RenderPrintable(d.Language, d.Blocks), ct);
    }

    /// <summary>Edits one clause in <paramref name="fraction"/> of the documents (HTML kinds only); returns how many.</summary>
    public int Edit(double fraction)
    {
        var count = (int)Math.Round(Documents.Count * fraction);
        var candidates = Documents.Where(d => d.Kind != PageKind.Pdf && !d.Edited).ToList();
        var step = Math.Max(1, candidates.Count / Math.Max(1, count));
        var edited = 0;
        for (var i = 0; i < candidates.Count && edited < count; i += step, edited++) candidates[i].Edited = true;
        return edited;
    }

    /// <summary>targets.json for this site, in the format of README.md's "targets.json" section.</summary>
    /// <param name="select">A CSS selector of the document on every page, or null to let the program find it.</param>
    /// <param name="schedule">A Quartz cron expression for every document (the <c>run</c> service's), or null for none.</param>
    public async Task WriteTargetsAsync(string path, int port, CancellationToken ct, string? select = null, string? schedule = null)
    {
        var companies = Documents.GroupBy(d => d.Company).Select(g => new
        {
            id = g.Key,
            name = g.First().CompanyName,
            sector = "banking",
            homepage = $"http://127.0.0.{g.First().Host}:{port}/",
            documents = g.Select(d => new { id = d.Id, type = d.Type, language = d.Language, url = d.Url(port), select = select is null ? null : new[] { select }, schedule }).ToList(),
        });
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(new { companies }, new JsonSerializerOptions { WriteIndented = true, DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull }), Encoding.UTF8, ct);
    }
}
