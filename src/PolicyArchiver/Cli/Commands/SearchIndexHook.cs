using PolicyArchiver.Archiving;
using PolicyArchiver.Search;
using PolicyArchiver.Targets;
using PolicyArchiver.Web;

namespace PolicyArchiver.Cli.Commands;

/// <summary>
/// Brings the search index up to date at the end of a command that records versions (capture,
/// import, reextract), so the next search answers at once. The index is derived data: failing to
/// update it never fails the command, it is said on stderr and the next search catches up.
/// </summary>
internal static class SearchIndexHook
{
    /// <summary>Builds of fewer versions than this go without progress lines: a capture round adds a handful.</summary>
    private const int QuietUpTo = SearchIndexer.BatchSize;

    public static async Task KeepUpAsync(CliContext context, Archive archive, TargetList? targets, CancellationToken ct)
    {
        try
        {
            await ArchiveSearch.UpdateAsync(new ArchiveReader(archive, () => targets), rebuild: false, new SearchIndexProgress(context.Error, QuietUpTo + 1), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await context.Error.WriteLineAsync($"warning: the search index was not brought up to date ({e.Message}); the next search will");
        }
    }
}
