namespace PolicyArchiver.Bench.Fixtures;

/// <summary>
/// One document of the fixture site: where it is served, and its content before and after the
/// site's edit. HTML is kept with its noise placeholders; each request fills them anew.
/// </summary>
public sealed class FixtureDocument
{
    public required string Company { get; init; }
    public required string CompanyName { get; init; }
    public required string Id { get; init; }
    public required string Type { get; init; }
    public required string Language { get; init; }
    public required int Host { get; init; }
    public required PageKind Kind { get; init; }
    public required string Path { get; init; }
    public required IReadOnlyList<Block> Blocks { get; init; }

    /// <summary>The page (HTML kinds) with noise placeholders.</summary>
    public string? Template { get; set; }

    /// <summary>The page after the edit, for documents chosen to change.</summary>
    public string? EditedTemplate { get; set; }

    /// <summary>The PDF bytes (PDF kind).</summary>
    public byte[]? Pdf { get; set; }

    /// <summary>Whether the site now serves <see cref="EditedTemplate"/>.</summary>
    public bool Edited { get; set; }

    public string Key => $"{Company}/{Id}";

    public string Url(int port) => $"http://127.0.0.{Host}:{port}{Path}";
}
