using System.Text.Json;
using PolicyArchiver.Storage;
using PolicyArchiver.Targets;

namespace PolicyArchiver.Versioning;

/// <summary>Each document's <see cref="NoiseModel"/>, kept in the catalog and learned one capture at a time.</summary>
internal sealed class NoiseStore(IBlobStore blobs, IVersionCatalog versions, INoiseModelCatalog models)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<NoiseModel> LoadAsync(string document, CancellationToken ct) => Read(await models.GetNoiseModelAsync(document, ct));

    /// <summary>A model from its stored JSON; none, or one of an older form, is an empty model (learned again from the captures to come).</summary>
    public static NoiseModel Read(string? json)
    {
        if (json is null) return new NoiseModel();
        try
        {
            return JsonSerializer.Deserialize<NoiseModel>(json, Json) ?? new NoiseModel();
        }
        catch (JsonException)
        {
            return new NoiseModel();
        }
    }

    public Task SaveAsync(string document, NoiseModel model, CancellationToken ct) =>
        models.SaveNoiseModelAsync(document, JsonSerializer.Serialize(model, Json), ct);

    /// <summary>
    /// Learns from one more ok capture of the document: its text against the previous capture's
    /// (or, for the first capture learned, the current version's).
    /// </summary>
    /// <param name="save">False to keep learning in memory, with more to learn before the model is kept.</param>
    public async Task LearnAsync(Document document, NoiseModel model, long observationId, string text, DateTimeOffset at, CancellationToken ct, bool save = true)
    {
        if (!document.Noise.Learn) return;
        var textSha = Model.Hashing.Sha256Hex(text);
        var previousSha = model.LastTextSha;
        if (previousSha is null && await versions.GetLatestVersionAsync(document.Key, ct) is { } latest) previousSha = latest.TextSha256;
        if (previousSha is not null)
        {
            if (previousSha == textSha) model.Pairs++;
            else if (await ReadTextAsync(previousSha, ct) is { } previous) model.Learn(CanonicalText.Of(previous), CanonicalText.Of(text), at);
        }
        model.LastTextSha = textSha;
        model.LastObservationId = observationId;
        if (save) await SaveAsync(document.Key, model, ct);
    }

    private async Task<string?> ReadTextAsync(string sha, CancellationToken ct)
    {
        try
        {
            return System.Text.Encoding.UTF8.GetString(await blobs.GetAsync(sha, ct));
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }
}
