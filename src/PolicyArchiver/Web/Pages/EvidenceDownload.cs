using Microsoft.AspNetCore.Http;
using PolicyArchiver.Evidence.Bundles;
using PolicyArchiver.Web.Pages;

namespace PolicyArchiver.Web.Pages;

/// <summary>
/// <c>/companies/{company}/{document}/evidence?at=INSTANT</c>: the evidence bundle of the version in
/// force then, as <c>policyarchiver evidence</c> writes it. The web never signs a new checkpoint (it
/// is read-only): a version not yet covered by one is answered with 409 and the reason.
/// </summary>
internal static class EvidenceDownload
{
    public static async Task<IResult> GetAsync(ArchiveReader reader, string company, string id, string? at, CancellationToken ct)
    {
        var document = await reader.DocumentAsync(company, id, ct);
        if (document is null) return Layout.NoDocument(company, id);
        if (!PolicyArchiver.Contracts.Format.TryParseUpTo(at, out var instant))
            return Layout.BadRequest($"at=\"{at}\" is {Model.Instant.NotOne}.");
        var path = Path.Combine(Path.GetTempPath(), $"policyarchiver-evidence-{Guid.NewGuid():N}.zip");
        try
        {
            var result = await new EvidenceBundle(reader.Archive, null, reader.Archive.Time).CreateAsync(document.Key, instant, path, ct);
            if (result is null) return Layout.NotFound(Localization.SiteText.F(Localization.SiteText.Current.NothingToProve, document.Key, Html.Time(instant)));
        }
        catch (UnsignedEvidenceException e)
        {
            File.Delete(path);
            return Layout.Page(Localization.SiteText.Current.NotSignedYet, $"<h1>{Html.E(Localization.SiteText.Current.NotSignedYet)}</h1>\n<p>{Html.E(e.Message)}.</p>", status: StatusCodes.Status409Conflict);
        }
        // Deleted once sent: the archive itself is what keeps the evidence.
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        var name = $"{document.CompanyId}-{document.Id}-{instant.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}.zip";
        return Results.File(stream, "application/zip", name);
    }
}
