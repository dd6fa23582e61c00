using System.Text;

namespace PolicyArchiver.Bench.Fixtures;

/// <summary>
/// Generates the body of a policy as real ones are laid out: a title, an edition line, numbered
/// sections ("3. …") of numbered clauses ("3.2. …"), some with bulleted or numbered lists.
/// </summary>
public static class PolicyText
{
    /// <summary>Blocks whose text adds up to about <paramref name="targetBytes"/> bytes of UTF-8.</summary>
    public static List<Block> Generate(SeedText seed, Random random, string title, int targetBytes)
    {
        var blocks = new List<Block> { Block.Of("h1", title), Block.Of("p", "Редакция от 1 февраля 2024 года.") };
        var bytes = 0;
        for (var section = 1; bytes < targetBytes; section++)
        {
            var heading = $"{section}. {seed.Title(random)}";
            blocks.Add(Block.Of("h2", heading));
            bytes += Encoding.UTF8.GetByteCount(heading);
            var clauses = random.Next(3, 9);
            for (var clause = 1; clause <= clauses && bytes < targetBytes; clause++)
            {
                var sentences = random.Next(1, 4);
                var text = new StringBuilder($"{section}.{clause}. ");
                for (var s = 0; s < sentences; s++) text.Append(seed.Sentence(random)).Append(' ');
                var clauseText = text.ToString().TrimEnd();
                bytes += Encoding.UTF8.GetByteCount(clauseText);
                if (random.Next(6) == 0)
                {
                    var items = Enumerable.Range(0, random.Next(3, 7)).Select(_ => seed.Sentence(random, 4, 12).TrimEnd('.') + ";").ToList();
                    bytes += items.Sum(Encoding.UTF8.GetByteCount);
                    blocks.Add(new Block(random.Next(2) == 0 ? "ul" : "ol", clauseText, items));
                }
                else
                {
                    blocks.Add(Block.Of("p", clauseText));
                }
            }
        }
        return blocks;
    }

    /// <summary>
    /// The same blocks with one clause changed, as a company edits its policy: a sentence of the
    /// clause at <paramref name="which"/> (of the numbered clauses) is replaced.
    /// </summary>
    public static List<Block> EditClause(IReadOnlyList<Block> blocks, int which, string newSentence)
    {
        var clauses = blocks.Select((b, i) => (b, i)).Where(x => x.b.Tag is "p" or "ul" or "ol" && x.i > 1).Select(x => x.i).ToList();
        var index = clauses[which % clauses.Count];
        var edited = blocks.ToList();
        var old = edited[index];
        var number = old.Text.Split(' ', 2)[0];
        edited[index] = old with { Text = $"{number} {newSentence}" };
        return edited;
    }

    /// <summary>The text as the archive normalises it (one block per line), for the diff scenario.</summary>
    public static string AsText(IEnumerable<Block> blocks)
    {
        var sb = new StringBuilder();
        foreach (var b in blocks)
        {
            sb.Append(b.Tag switch { "h1" => "# ", "h2" => "## ", _ => "" }).Append(b.Text).Append('\n');
            var n = 1;
            foreach (var item in b.Items) sb.Append(b.Tag == "ol" ? $"{n++}. " : "- ").Append(item).Append('\n');
        }
        return sb.ToString();
    }
}
