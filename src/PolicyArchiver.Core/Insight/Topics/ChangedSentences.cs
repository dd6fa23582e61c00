using PolicyArchiver.Changes;
using PolicyArchiver.Insight.Clauses;

namespace PolicyArchiver.Insight.Topics;

/// <summary>
/// The text of a clause change that its topics are read from. For an added or removed clause:
/// all of it. For a modified clause (or a moved one whose words changed): every sentence, before
/// and after, that has a changed word. The changed words alone say too little («3 года» → «5 лет»
/// says nothing of retention; its sentence «Срок хранения … составляет 5 лет» does), while the
/// whole clause says too much (a long clause on cookies and partners whose only edit is about
/// cookies is not a change about third parties). A clause moved unchanged has no changed text:
/// renumbering says nothing new on any topic.
/// </summary>
internal static class ChangedSentences
{
    public static IReadOnlyList<string> Of(ClauseChange change) => change.Kind switch
    {
        ClauseChangeKind.Added => [change.After!.Text],
        ClauseChangeKind.Removed => [change.Before!.Text],
        _ => Touched(change.Diff),
    };

    private static List<string> Touched(IReadOnlyList<DiffPiece> pieces)
    {
        var oldText = string.Concat(pieces.Where(p => p.Kind != DiffPieceKind.Added).Select(p => p.Text));
        var newText = string.Concat(pieces.Where(p => p.Kind != DiffPieceKind.Removed).Select(p => p.Text));
        var oldChanged = new List<(int Start, int End)>();
        var newChanged = new List<(int Start, int End)>();
        int oldAt = 0, newAt = 0;
        foreach (var piece in pieces)
        {
            var length = piece.Text.Length;
            var blank = string.IsNullOrWhiteSpace(piece.Text);
            switch (piece.Kind)
            {
                case DiffPieceKind.Removed:
                    if (!blank) oldChanged.Add((oldAt, oldAt + length));
                    oldAt += length;
                    break;
                case DiffPieceKind.Added:
                    if (!blank) newChanged.Add((newAt, newAt + length));
                    newAt += length;
                    break;
                default:
                    oldAt += length;
                    newAt += length;
                    break;
            }
        }
        return [.. Overlapping(oldText, oldChanged), .. Overlapping(newText, newChanged)];
    }

    private static IEnumerable<string> Overlapping(string text, List<(int Start, int End)> changed)
    {
        if (changed.Count == 0) yield break;
        foreach (var (start, end) in Sentences(text))
            if (changed.Any(c => c.Start < end && c.End > start))
                yield return text[start..end];
    }

    /// <summary>
    /// Sentences as spans: a line ends one, and so does «.», «!», «?» or «;» before whitespace.
    /// Abbreviations («г. Алматы») cut a sentence short, which only narrows what is read.
    /// </summary>
    internal static IEnumerable<(int Start, int End)> Sentences(string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var end = text[i] == '\n' || text[i] is '.' or '!' or '?' or ';' && (i + 1 == text.Length || char.IsWhiteSpace(text[i + 1]));
            if (!end) continue;
            if (i + 1 > start) yield return (start, i + 1);
            start = i + 1;
        }
        if (start < text.Length) yield return (start, text.Length);
    }
}
