namespace PolicyArchiver.Insight.Language;

/// <summary>
/// The letter and word counts of one line of text, gathered in one pass without allocating:
/// what <see cref="LanguageDetector"/> classifies the line by.
/// </summary>
internal ref struct LineTally
{
    /// <summary>Words longer than this are looked up in no list (no function word is that long).</summary>
    private const int LongestWord = 32;

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Kazakh = FunctionWords.Kazakh.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Russian = FunctionWords.Russian.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> English = FunctionWords.English.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Characters other than white space, web addresses included: the base of "mostly digits or URLs".</summary>
    public int Visible;
    public int CyrillicLetters;
    public int LatinLetters;
    public int CyrillicWords;
    public int LatinWords;
    /// <summary>Cyrillic words with a letter Russian lacks; a capitalised one counts half (it may be a name in a Russian text).</summary>
    public double KazakhMarked;
    public int KazakhWords;
    public int RussianWords;
    public int EnglishWords;

    public readonly int Letters => CyrillicLetters + LatinLetters;

    public static LineTally Of(ReadOnlySpan<char> line)
    {
        var tally = new LineTally();
        var i = 0;
        while (i < line.Length)
        {
            while (i < line.Length && char.IsWhiteSpace(line[i])) i++;
            var start = i;
            while (i < line.Length && !char.IsWhiteSpace(line[i])) i++;
            if (i == start) break;
            var token = line[start..i];
            tally.Visible += token.Length;
            if (!IsAddress(token)) tally.AddWords(token);
        }
        return tally;
    }

    private void AddWords(ReadOnlySpan<char> token)
    {
        var i = 0;
        while (i < token.Length)
        {
            while (i < token.Length && !char.IsLetter(token[i])) i++;
            var start = i;
            while (i < token.Length && char.IsLetter(token[i])) i++;
            if (i > start) AddWord(token[start..i]);
        }
    }

    private void AddWord(ReadOnlySpan<char> word)
    {
        int cyrillic = 0, latin = 0, latinI = 0;
        var marked = false;
        foreach (var c in word)
        {
            if (c is >= '\u0400' and <= '\u04FF')
            {
                cyrillic++;
                marked |= IsKazakhLetter(c);
            }
            else if (c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '\u00C0' and <= '\u024F'))
            {
                latin++;
                if (c is 'i' or 'I') latinI++;
            }
        }
        // Kazakh typed on a Russian keyboard layout often has the Latin i standing in for і.
        if (cyrillic > 0 && latin > 0 && latin == latinI)
        {
            cyrillic += latin;
            latin = 0;
            marked = true;
        }
        CyrillicLetters += cyrillic;
        LatinLetters += latin;
        if (cyrillic == 0 && latin == 0) return;

        Span<char> lower = stackalloc char[LongestWord];
        var known = word.Length <= LongestWord;
        if (known) word.ToLowerInvariant(lower);
        var key = lower[..Math.Min(word.Length, LongestWord)];
        if (cyrillic >= latin)
        {
            CyrillicWords++;
            if (marked) KazakhMarked += char.IsUpper(word[0]) ? 0.5 : 1;
            if (!known) return;
            if (Kazakh.Contains(key)) KazakhWords++;
            else if (Russian.Contains(key)) RussianWords++;
        }
        else
        {
            LatinWords++;
            if (known && English.Contains(key)) EnglishWords++;
        }
    }

    /// <summary>ә ғ қ ң ө ұ ү һ і and their capitals: Kazakh Cyrillic letters that Russian does not have.</summary>
    public static bool IsKazakhLetter(char c) => c switch
    {
        '\u04D9' or '\u04D8' or '\u0493' or '\u0492' or '\u049B' or '\u049A' or '\u04A3' or '\u04A2' or '\u04E9' or '\u04E8'
            or '\u04B1' or '\u04B0' or '\u04AF' or '\u04AE' or '\u04BB' or '\u04BA' or '\u0456' or '\u0406' => true,
        _ => false,
    };

    /// <summary>A web or e-mail address, or a bare domain ("kaspi.kz"): its letters say nothing about the language.</summary>
    private static bool IsAddress(ReadOnlySpan<char> token)
    {
        if (token.Contains("://", StringComparison.Ordinal) || token.Contains('@')
            || token.StartsWith("www.", StringComparison.OrdinalIgnoreCase)) return true;
        var dotBeforeLatin = false;
        for (var i = 0; i < token.Length; i++)
        {
            var c = token[i];
            if (c is >= '\u0400' and <= '\u04FF') return false;
            if (c == '.' && i + 1 < token.Length && char.IsAsciiLetter(token[i + 1])) dotBeforeLatin = true;
        }
        return dotBeforeLatin;
    }
}
