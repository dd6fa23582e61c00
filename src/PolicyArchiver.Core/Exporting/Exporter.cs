using PolicyArchiver.Archiving;

namespace PolicyArchiver.Exporting;

/// <summary>
/// Writes an export of a plan in a format to a stream, for the CLI (a file) and the web (a
/// response body) alike; <see cref="WriteFileAsync"/> adds what a file needs.
/// </summary>
internal sealed class Exporter(Archive archive)
{
    /// <param name="format">One of <see cref="Formats.ExportFormats.All"/>, chosen by name.</param>
    public Task<ExportSummary> WriteAsync(ExportPlan plan, IExportFormat format, Stream output, IProgress<ExportProgress>? progress, CancellationToken ct) =>
        format.WriteAsync(archive, plan, output, progress, ct);

    /// <summary>
    /// Writes to a temporary file beside <paramref name="path"/> and moves it into place once
    /// complete: an interrupted export leaves no half file under the real name.
    /// </summary>
    public async Task<ExportSummary> WriteFileAsync(ExportPlan plan, IExportFormat format, string path, IProgress<ExportProgress>? progress, CancellationToken ct)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            ExportSummary summary;
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                summary = await WriteAsync(plan, format, file, progress, ct);
                await file.FlushAsync(ct);
                file.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
            return summary;
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
