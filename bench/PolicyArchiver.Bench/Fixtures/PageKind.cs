namespace PolicyArchiver.Bench.Fixtures;

/// <summary>How a fixture document is served.</summary>
public enum PageKind
{
    /// <summary>Server-rendered HTML: the text is in the response.</summary>
    Html,

    /// <summary>An empty shell whose script inserts the text: only a real browser sees it.</summary>
    Script,

    /// <summary>A multi-page PDF with a text layer.</summary>
    Pdf,
}
