namespace PolicyArchiver.Insight.Topics;

/// <summary>
/// One keyword of the lexicon: one or more stems that must start words of a text in order, each
/// within <see cref="MaxGap"/> words of the one before. Inflected languages (Russian, Kazakh) need
/// stems, not words: «треть лиц» matches «третьим лицам» and «третьих лиц»; «передач персональн
/// данн треть» is not needed because the gap already lets «передача персональных данных третьим
/// лицам» match «передач треть лиц». A stem ending in <c>$</c> must be the whole word
/// (<c>ai$</c> does not match "aim").
/// </summary>
internal sealed class TopicKeyword
{
    /// <summary>
    /// How many other words may stand between two stems: enough for «передача [персональных данных]
    /// третьим», few enough that «прав» … «на» does not reach across a sentence.
    /// </summary>
    public const int MaxGap = 2;

    private readonly string[] _stems;
    private readonly bool[] _whole;

    public TopicKeyword(string source)
    {
        Source = source;
        var words = source.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var stems = new List<string>();
        var whole = new List<bool>();
        foreach (var word in words)
        {
            var anchored = word.EndsWith('$');
            var tokens = TopicText.Tokens(anchored ? word[..^1] : word).ToList();
            for (var i = 0; i < tokens.Count; i++)
            {
                stems.Add(tokens[i]);
                // "e-mail$": only the last piece is anchored; the pieces before it are whole words by construction.
                whole.Add(i < tokens.Count - 1 || anchored);
            }
        }
        _stems = [.. stems];
        _whole = [.. whole];
    }

    /// <summary>The keyword as written in topics.json.</summary>
    public string Source { get; }

    public IReadOnlyList<string> Stems => _stems;

    /// <summary>The first character of the first stem: the matcher only tries keywords whose first word could match.</summary>
    public char First => _stems[0][0];

    /// <summary>Whether the keyword occurs with its first stem at <paramref name="start"/>.</summary>
    public bool MatchesAt(IReadOnlyList<string> tokens, int start)
    {
        if (!Fits(tokens[start], 0)) return false;
        var position = start;
        for (var s = 1; s < _stems.Length; s++)
        {
            var found = -1;
            for (var p = position + 1; p < tokens.Count && p <= position + 1 + MaxGap; p++)
            {
                if (!Fits(tokens[p], s)) continue;
                found = p;
                break;
            }
            if (found < 0) return false;
            position = found;
        }
        return true;
    }

    private bool Fits(string token, int stem) =>
        _whole[stem] ? token == _stems[stem] : token.StartsWith(_stems[stem], StringComparison.Ordinal);

    public override string ToString() => Source;
}
