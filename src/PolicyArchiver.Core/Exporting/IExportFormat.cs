using PolicyArchiver.Archiving;

namespace PolicyArchiver.Exporting;

/// <summary>
/// What an export is written as (a plain ZIP for researchers, a WACZ package for replay tools…):
/// named, with its file extension and media type, so the CLI and the web offer exactly the same
/// choices from <see cref="Formats.ExportFormats"/>. Each format is one class; a new one is one file and one
/// line there.
/// </summary>
internal interface IExportFormat
{
    /// <summary>The name <c>--format</c> and the web form's <c>format</c> take: <c>zip</c>, <c>wacz</c>.</summary>
    string Name { get; }

    /// <summary>The file extension, dot included: the CLI's default file name and the web download's.</summary>
    string Extension { get; }

    /// <summary>The media type the web download is served with.</summary>
    string ContentType { get; }

    /// <summary>One line for <c>--help</c>: what a file of this format holds.</summary>
    string Description { get; }

    /// <summary>
    /// Writes the plan front to back to <paramref name="output"/> (which need not seek). The same
    /// archive and plan always give the same bytes: nothing in them comes from the clock.
    /// </summary>
    Task<ExportSummary> WriteAsync(Archive archive, ExportPlan plan, Stream output, IProgress<ExportProgress>? progress, CancellationToken ct);
}
