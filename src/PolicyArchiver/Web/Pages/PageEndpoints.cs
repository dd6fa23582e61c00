using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace PolicyArchiver.Web.Pages;

/// <summary>The HTML pages: server-rendered, no JavaScript, every id looked up in the catalog (never used as a path).</summary>
internal static class PageEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/", (ArchiveReader r, CancellationToken ct) => HomePage.RenderAsync(r, ct));
        app.MapGet("/changes", (HttpContext http, ArchiveReader r, CancellationToken ct) => ChangesPage.RenderAsync(http, r, ct));
        app.MapGet("/search", (HttpContext http, ArchiveReader r, CancellationToken ct) => SearchPage.RenderAsync(http, r, ct));
        app.MapGet("/topics", TopicsPage.Render);
        app.MapGet("/coverage", (ArchiveReader r, CancellationToken ct) => CoveragePage.RenderAsync(r, ct));
        app.MapGet("/coverage.csv", (ArchiveReader r, CancellationToken ct) => CoveragePage.CsvAsync(r, ct));
        app.MapGet("/site.css", () => Results.Text(Stylesheet.Css, "text/css; charset=utf-8"));
        app.MapGet("/companies/{company}", (ArchiveReader r, string company, CancellationToken ct) => CompanyPage.RenderAsync(r, company, ct));
        var document = app.MapGroup("/companies/{company}/{document}");
        document.MapGet("/", (ArchiveReader r, string company, string document, CancellationToken ct) => DocumentPage.RenderAsync(r, company, document, ct));
        document.MapGet("/at", (ArchiveReader r, string company, string document, string? t, CancellationToken ct) => VersionPage.AtAsync(r, company, document, t, ct));
        document.MapGet("/evidence", (ArchiveReader r, string company, string document, string? at, CancellationToken ct) => EvidenceDownload.GetAsync(r, company, document, at, ct));
        document.MapGet("/versions/{n:int}", (ArchiveReader r, string company, string document, int n, CancellationToken ct) => VersionPage.RenderAsync(r, company, document, n, ct));
        document.MapGet("/versions/{n:int}/text", (ArchiveReader r, string company, string document, int n, CancellationToken ct) => VersionPage.TextAsync(r, company, document, n, ct));
        document.MapGet("/changes/{n:int}", (ArchiveReader r, string company, string document, int n, CancellationToken ct) => ChangePage.RenderAsync(r, company, document, n, ct));
        document.MapGet("/snapshots/{id:long}", (ArchiveReader r, string company, string document, long id, CancellationToken ct) => SnapshotPage.RenderAsync(r, company, document, id, ct));
        document.MapGet("/snapshots/{id:long}/replay", (ArchiveReader r, string company, string document, long id, CancellationToken ct) => ReplayPage.RenderAsync(r, company, document, id, ct));
        document.MapGet("/snapshots/{id:long}/raw", (ArchiveReader r, string company, string document, long id, string? @as, CancellationToken ct) => SnapshotPage.RawAsync(r, company, document, id, @as, ct));
        document.MapGet("/snapshots/{id:long}/screenshot", (ArchiveReader r, string company, string document, long id, CancellationToken ct) => SnapshotPage.PartAsync(r, company, document, id, "screenshot", ct));
        document.MapGet("/snapshots/{id:long}/dom", (ArchiveReader r, string company, string document, long id, CancellationToken ct) => SnapshotPage.PartAsync(r, company, document, id, "dom", ct));
    }
}
