using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PolicyArchiver.Cli;
using PolicyArchiver.Cli.Commands;
using PolicyArchiver.Insight;
using PolicyArchiver.Storage;
using PolicyArchiver.Contracts;

namespace PolicyArchiver.Web.Api;

/// <summary>
/// <c>/api/</c>: the CLI's queries as JSON, in the CLI's own JSON shapes (history, observations,
/// changes, show --at), so a script can switch between them. Read-only.
/// </summary>
internal static class ApiEndpoints
{
    private sealed record DocumentJson(string Company, string Document, string Key, string Type, string Language, string Url, string? Title, bool Tracked,
        int Versions, string? LastOutcome, DateTimeOffset? LastAttemptAt, DateTimeOffset? LastSuccessAt);

    private sealed record CompanyJson(string Id, string Name, string Sector, string? Homepage, IReadOnlyList<string> Documents);

    private sealed record VersionTextJson(string Document, VersionJson Version, DateTimeOffset? Until, string Text);

    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapGet("/", () => ApiResults.Ok(new
        {
            companies = "/api/companies",
            company = "/api/companies/{company}",
            documents = "/api/documents?company={company}",
            document = "/api/documents/{company}/{document}",
            versions = "/api/documents/{company}/{document}/versions",
            version = "/api/documents/{company}/{document}/versions/{n}",
            inForce = "/api/documents/{company}/{document}/in-force?at={instant}",
            observations = "/api/documents/{company}/{document}/observations",
            documentChanges = "/api/documents/{company}/{document}/changes",
            changes = "/api/changes?from={instant}&to={instant}&company={company}&sector={sector}&type={type}&language={language}&topic={topic}&includeTechnical=false&offset={n}&limit={n}",
            search = "/api/search?q={words}&company={company}&sector={sector}&type={type}&language={language}&from={instant}&to={instant}&offset={n}&limit={n}",
            topics = "/api/topics",
            coverage = "/api/coverage?company={company}",
        }));
        api.MapGet("/companies", async (ArchiveReader r, CancellationToken ct) =>
            ApiResults.Ok((await r.CompaniesAsync(ct)).Select(Company)));
        api.MapGet("/companies/{company}", async (ArchiveReader r, string company, CancellationToken ct) =>
            await r.CompanyAsync(company, ct) is { } c ? ApiResults.Ok(Company(c)) : ApiResults.NotFound($"unknown company \"{company}\""));
        api.MapGet("/documents", async (ArchiveReader r, string? company, CancellationToken ct) =>
        {
            var companies = await r.CompaniesAsync(ct);
            if (company is not null && companies.All(c => c.Id != company)) return ApiResults.NotFound($"unknown company \"{company}\"");
            var documents = new List<DocumentJson>();
            foreach (var d in companies.Where(c => company is null || c.Id == company).SelectMany(c => c.Documents)) documents.Add(await DocumentAsync(r, d, ct));
            return ApiResults.Ok(documents);
        });

        var document = api.MapGroup("/documents/{company}/{document}");
        document.MapGet("/", (ArchiveReader r, string company, string document, CancellationToken ct) =>
            WithDocument(r, company, document, ct, async d => ApiResults.Ok(await DocumentAsync(r, d, ct))));
        document.MapGet("/versions", (ArchiveReader r, string company, string document, CancellationToken ct) =>
            WithDocument(r, company, document, ct, async d =>
            {
                var insights = await ArchiveInsight.OfDocumentAsync(r.Archive, d.Key, SiteTopics.Lexicon, ct);
                return ApiResults.Ok((await r.Catalog.GetVersionsAsync(d.Key, ct)).Select(v => VersionJson.From(v, insights.GetValueOrDefault(v.Number, ChangeInsight.None))).ToList());
            }));
        document.MapGet("/versions/{n:int}", (ArchiveReader r, string company, string document, int n, CancellationToken ct) =>
            WithDocument(r, company, document, ct, async d => await r.Catalog.GetVersionAsync(d.Key, n, ct) is { } v
                ? ApiResults.Ok(await VersionTextAsync(r, v, ct))
                : ApiResults.NotFound($"{d.Key} has no version {n}")));
        document.MapGet("/in-force", (ArchiveReader r, string company, string document, string? at, CancellationToken ct) =>
            WithDocument(r, company, document, ct, async d =>
            {
                if (!Format.TryParseUpTo(at, out var instant))
                    return ApiResults.BadRequest($"at=\"{at}\": {Instant.NotOne}");
                return await r.Catalog.GetVersionAtAsync(d.Key, instant, ct) is { } v
                    ? ApiResults.Ok(await VersionTextAsync(r, v, ct))
                    : ApiResults.NotFound($"{d.Key}: no version had been captured by {Format.Time(instant)}");
            }));
        document.MapGet("/observations", (ArchiveReader r, string company, string document, CancellationToken ct) =>
            WithDocument(r, company, document, ct, async d => ApiResults.Ok((await r.Catalog.GetObservationsAsync(d.Key, ct)).Select(ObservationJson.From))));
        document.MapGet("/changes", (ArchiveReader r, string company, string document, CancellationToken ct) =>
            WithDocument(r, company, document, ct, async d => ApiResults.Ok(await TaggedAsync(r, await r.Catalog.GetChangesAsync(d.Key, ct), ct))));

        api.MapGet("/changes", async (HttpContext http, ArchiveReader r, CancellationToken ct) =>
        {
            var (filter, problem) = ChangeFilter.Of(http.Request.Query);
            if (problem is not null) return ApiResults.BadRequest(problem);
            if (filter.Company is { } company && (await r.CompaniesAsync(ct)).All(c => c.Id != company)) return ApiResults.NotFound($"unknown company \"{company}\"");
            var (offset, limit, pageProblem) = Paging(http.Request.Query);
            if (pageProblem is not null) return ApiResults.BadRequest(pageProblem);
            // Oldest first, as `changes --json` prints them; every change unless a page is asked for.
            var (total, page) = await ChangeRegistry.FindAsync(r, filter, offset, limit ?? int.MaxValue, oldestFirst: true, ct);
            http.Response.Headers["X-Total-Count"] = total.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (limit is { } size && offset + size < total)
                http.Response.Headers.Link = $"</api/changes{filter.Query(("offset", (offset + size).ToString(System.Globalization.CultureInfo.InvariantCulture)), ("limit", size.ToString(System.Globalization.CultureInfo.InvariantCulture)))}>; rel=\"next\"";
            return ApiResults.Ok(page.Select(c => ChangeJson.From(c.Change, c.Topics)).ToList());
        });
        api.MapGet("/topics", () => ApiResults.Ok(SiteTopics.Lexicon.Topics.Select(t => new TopicJson(t.Id, t.Label("en"), t.Label("ru"), t.Label("kk"), t.Description))));
        api.MapGet("/coverage", async (ArchiveReader r, string? company, CancellationToken ct) =>
        {
            var coverage = await CoverageQueries.CompaniesAsync(r, company, ct);
            if (company is not null && coverage.Count == 0) return ApiResults.NotFound($"unknown company \"{company}\"");
            return ApiResults.Ok(coverage.Select(CoverageJson.From));
        });
        api.MapFallback("{**path}", (HttpContext http) => ApiResults.NotFound($"nothing at {http.Request.Path}"));
    }

    /// <summary><c>offset</c> and <c>limit</c>: a page of a long list; without <c>limit</c>, everything from <c>offset</c> on.</summary>
    internal static (int Offset, int? Limit, string? Problem) Paging(IQueryCollection query)
    {
        var offset = 0;
        int? limit = null;
        if (query["offset"].FirstOrDefault() is { } o && (!int.TryParse(o, System.Globalization.CultureInfo.InvariantCulture, out offset) || offset < 0))
            return (0, null, $"offset=\"{o}\": a whole number from 0");
        if (query["limit"].FirstOrDefault() is { } l)
        {
            if (!int.TryParse(l, System.Globalization.CultureInfo.InvariantCulture, out var n) || n is < 1 or > 10_000) return (0, null, $"limit=\"{l}\": a whole number from 1 to 10000");
            limit = n;
        }
        return (offset, limit, null);
    }

    /// <summary>The JSON shape of a topic in <c>/api/topics</c>: a contract, fields are added, never renamed.</summary>
    private sealed record TopicJson(string Id, string Label, string LabelRu, string LabelKk, string Description);

    /// <summary>Changes in the CLI's JSON shape, each with the topics its clause changes touch.</summary>
    private static async Task<List<ChangeJson>> TaggedAsync(ArchiveReader r, IEnumerable<Change> changes, CancellationToken ct)
    {
        var tagged = new List<ChangeJson>();
        foreach (var c in changes) tagged.Add(ChangeJson.From(c, (await ArchiveInsight.OfAsync(r.Archive, c, SiteTopics.Lexicon, ct)).Topics));
        return tagged;
    }

    private static CompanyJson Company(CompanyView c) => new(c.Id, c.Name, c.Sector, c.Homepage?.ToString(), c.Documents.Select(d => d.Key).ToList());

    private static async Task<DocumentJson> DocumentAsync(ArchiveReader r, DocumentView d, CancellationToken ct)
    {
        var a = await r.Catalog.GetAvailabilityAsync(d.Key, ct);
        return new DocumentJson(d.CompanyId, d.Id, d.Key, d.Type, d.Language, d.Url, d.Title, d.Tracked, a.Versions, a.LastAttempt?.Outcome.ToWire(),
            a.LastAttempt?.At.ToUniversalTime(), a.LastSuccessAt?.ToUniversalTime());
    }

    private static async Task<VersionTextJson> VersionTextAsync(ArchiveReader r, Model.DocumentVersion v, CancellationToken ct)
    {
        var next = await r.Catalog.GetVersionAsync(v.Document, v.Number + 1, ct);
        var producedBy = (await r.Catalog.GetChangesAsync(v.Document, ct)).FirstOrDefault(c => c.ToVersion == v.Number);
        var insight = producedBy is null ? ChangeInsight.None : await ArchiveInsight.OfAsync(r.Archive, producedBy, SiteTopics.Lexicon, ct);
        return new VersionTextJson(v.Document, VersionJson.From(v, insight), next?.CapturedAt.ToUniversalTime(), await r.ReadTextAsync(v, ct));
    }

    private static async Task<IResult> WithDocument(ArchiveReader r, string company, string document, CancellationToken ct, Func<DocumentView, Task<IResult>> answer) =>
        await r.DocumentAsync(company, document, ct) is { } d ? await answer(d) : ApiResults.NotFound($"unknown document \"{company}/{document}\"");
}
