using PolicyArchiver.Evidence.Ledger;

namespace PolicyArchiver.Evidence.Verification;

/// <summary>
/// Checkpoints an auditor kept outside the archive (a saved <c>/checkpoints.json</c>, a feed entry,
/// a file received by mail), read from a file or fetched from an http(s) address.
/// </summary>
internal static class TrustedCheckpoints
{
    public static async Task<IReadOnlyList<PublishedCheckpoint>> LoadAsync(string source, HttpClient http, CancellationToken ct)
    {
        string json;
        if (Uri.TryCreate(source, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            try
            {
                json = await http.GetStringAsync(uri, ct);
            }
            catch (HttpRequestException e)
            {
                throw new InvalidDataException($"{source}: cannot fetch the checkpoint: {e.Message}", e);
            }
        }
        else if (uri is not null && !uri.IsFile)
        {
            // Only the web's own schemes: a checkpoint is fetched from where the archive publishes it.
            throw new InvalidDataException($"{source}: only http(s) addresses and files are read");
        }
        else
        {
            var path = uri?.LocalPath ?? source;
            if (!File.Exists(path)) throw new InvalidDataException($"{source}: file not found");
            json = await File.ReadAllTextAsync(path, ct);
        }
        return PublishedCheckpoint.ParseAll(json, source);
    }
}
