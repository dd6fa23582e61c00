using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PolicyArchiver.Exporting;
using PolicyArchiver.Exporting.Formats;
using PolicyArchiver.Web.Pages;

namespace PolicyArchiver.Web.Pages;

/// <summary>
/// <c>GET /export</c>: without parameters, a form; with them, the export of a window streamed as a
/// download, the same file <c>policyarchiver export</c> writes. Parameters only select from what
/// the archive holds: no file path is ever built from them.
/// </summary>
internal static class ExportEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/export", ExportAsync);
    }

    private static async Task<IResult> ExportAsync(HttpContext http, ArchiveReader reader, TimeProvider clock)
    {
        var ct = http.RequestAborted;
        var query = http.Request.Query;
        var companies = await reader.CompaniesAsync(ct);
        var request = new ExportForm.Values(query["from"].ToString(), query["to"].ToString(), query["only"].ToString(), query["format"].ToString());
        if (query.Count == 0) return ExportForm.Page(companies, ExportForm.Values.Default(clock.GetUtcNow()));

        if (!ExportWindow.TryParse(request.From, request.To, out var window, out var error, "from", "to"))
            return ExportForm.Page(companies, request, error);
        if (ExportFormats.Parse(request.Format) is not { } format)
            return ExportForm.Page(companies, request, $"format \"{request.Format}\": expected {ExportFormats.Names}");
        var documents = ExportDocument.Select(Documents(companies), request.Only);
        if (documents.Count == 0) return Layout.NotFound(Localization.SiteText.F(Localization.SiteText.Current.NoCompanyOrDocument, request.Only));

        var plan = await ExportPlan.BuildAsync(reader.Catalog, reader.Archive.Blobs, documents, window, ct);
        http.Response.ContentType = format.ContentType;
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{FileName(window, request.Only, format)}\"";
        http.Response.Headers.CacheControl = "no-store";
        await new Exporter(reader.Archive).WriteAsync(plan, format, http.Response.Body, progress: null, ct);
        return Results.Empty;
    }

    /// <summary>
    /// The documents as the CLI describes them: an untracked document's type and language stay
    /// empty (the site's guesses for display are not data), so both exports' manifests agree.
    /// </summary>
    private static IReadOnlyList<ExportDocument> Documents(IReadOnlyList<CompanyView> companies) =>
        companies.SelectMany(c => c.Documents.Select(d => d.Tracked
            ? new ExportDocument(d.CompanyId, c.Name, d.Id, d.Type, d.Language, d.Title)
            : new ExportDocument(d.CompanyId, c.Name, d.Id, "", "", null))).ToList();

    /// <summary><c>policyarchiver-2024-05-01-2024-07-31[-company-document].zip</c>: made of safe characters only.</summary>
    private static string FileName(ExportWindow window, string? only, IExportFormat format)
    {
        var name = $"policyarchiver-{window.From.UtcDateTime:yyyy-MM-dd}-{window.To.UtcDateTime:yyyy-MM-dd}";
        if (!string.IsNullOrWhiteSpace(only)) name += "-" + CaptureFiles.Segment(only.Trim().Replace('/', '-'));
        return name + format.Extension;
    }
}
