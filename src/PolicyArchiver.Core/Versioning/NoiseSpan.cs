namespace PolicyArchiver.Versioning;

/// <summary>
/// A place in a document where the text differs from capture to capture while the words around it
/// stay: a token, a timestamp, "updated N minutes ago", a rotating banner. Learned from the
/// document's own history.
/// </summary>
internal sealed class NoiseSpan
{
    /// <summary>The words before and after the span, with <c>⟨*⟩</c> where it is.</summary>
    public required string Context { get; init; }

    /// <summary>Recent distinct values, newest last (at most <see cref="NoiseModel.MaxValues"/>).</summary>
    public List<string> Values { get; init; } = [];

    /// <summary>The shapes of values that are numbers or codes (<c>9 : 9</c>, <c>x</c>); prose has none.</summary>
    public List<string> Shapes { get; init; } = [];

    /// <summary>How many times it was seen to change between two captures.</summary>
    public int Changes { get; set; }

    /// <summary>The model's pair count when it first changed, and when it last did.</summary>
    public int FirstPair { get; set; }

    public int LastPair { get; set; }

    public DateTimeOffset Since { get; set; }

    public DateTimeOffset LastSeen { get; set; }

    /// <summary>Two fetches of the same page moments apart differed here: volatile by definition.</summary>
    public bool Confirmed { get; set; }
}
