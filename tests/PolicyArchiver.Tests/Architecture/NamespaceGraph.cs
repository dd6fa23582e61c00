using Mono.Cecil;
using Mono.Cecil.Cil;

namespace PolicyArchiver.Tests.Architecture;

/// <summary>
/// Which namespace of an assembly uses which, read from the compiled code (signatures, attributes
/// and IL), so a dependency hidden behind <c>var</c> or a fully qualified name still counts.
/// </summary>
public sealed class NamespaceGraph
{
    private readonly Dictionary<string, Dictionary<string, string>> _edges = new(StringComparer.Ordinal);

    /// <summary>Namespace → namespaces it uses, each with one type-level example for the failure message.</summary>
    public IReadOnlyDictionary<string, Dictionary<string, string>> Edges => _edges;

    public static NamespaceGraph Of(string assemblyPath, string prefix)
    {
        var graph = new NamespaceGraph();
        using var module = ModuleDefinition.ReadModule(assemblyPath);
        foreach (var type in module.GetTypes())
        {
            var from = NamespaceOf(type);
            if (!from.StartsWith(prefix, StringComparison.Ordinal)) continue;
            foreach (var used in UsedTypes(type))
            {
                var to = NamespaceOf(used);
                if (to.StartsWith(prefix, StringComparison.Ordinal) && to != from)
                    graph.Add(from, to, $"{Outer(type).FullName} uses {Outer(used).FullName}");
            }
        }
        return graph;
    }

    /// <summary>Every group of namespaces that depend on each other in a loop (Tarjan's strongly connected components).</summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles()
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var cycles = new List<IReadOnlyList<string>>();
        var next = 0;
        void Visit(string v)
        {
            index[v] = low[v] = next++;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in _edges.GetValueOrDefault(v)?.Keys ?? Enumerable.Empty<string>())
            {
                if (!index.ContainsKey(w)) { Visit(w); low[v] = Math.Min(low[v], low[w]); }
                else if (onStack.Contains(w)) low[v] = Math.Min(low[v], index[w]);
            }
            if (low[v] != index[v]) return;
            var component = new List<string>();
            string x;
            do { x = stack.Pop(); onStack.Remove(x); component.Add(x); } while (x != v);
            if (component.Count > 1) cycles.Add([.. component.Order(StringComparer.Ordinal)]);
        }
        foreach (var v in _edges.Keys.Order(StringComparer.Ordinal))
            if (!index.ContainsKey(v)) Visit(v);
        return cycles;
    }

    /// <summary>The edges inside one cycle, each with its example: what to cut.</summary>
    public IEnumerable<string> Explain(IReadOnlyList<string> cycle) =>
        from a in cycle
        from b in cycle
        where _edges.TryGetValue(a, out var to) && to.ContainsKey(b)
        select $"{a} → {b} ({_edges[a][b]})";

    private void Add(string from, string to, string example)
    {
        if (!_edges.TryGetValue(from, out var to2)) _edges[from] = to2 = new(StringComparer.Ordinal);
        to2.TryAdd(to, example);
    }

    // Nested and compiler-generated types (lambdas, async state machines) belong to their outermost type.
    private static TypeReference Outer(TypeReference t)
    {
        while (t.DeclaringType is not null) t = t.DeclaringType;
        return t;
    }

    private static string NamespaceOf(TypeReference t) => Outer(t.GetElementType()).Namespace;

    private static IEnumerable<TypeReference> UsedTypes(TypeDefinition type)
    {
        if (type.BaseType is not null) foreach (var t in Expand(type.BaseType)) yield return t;
        foreach (var i in type.Interfaces) foreach (var t in Expand(i.InterfaceType)) yield return t;
        foreach (var t in Attributes(type)) yield return t;
        foreach (var f in type.Fields)
        {
            foreach (var t in Expand(f.FieldType)) yield return t;
            foreach (var t in Attributes(f)) yield return t;
        }
        foreach (var p in type.Properties)
        {
            foreach (var t in Expand(p.PropertyType)) yield return t;
            foreach (var t in Attributes(p)) yield return t;
        }
        foreach (var e in type.Events) foreach (var t in Expand(e.EventType)) yield return t;
        foreach (var m in type.Methods)
        {
            foreach (var t in Signature(m)) yield return t;
            foreach (var t in Attributes(m)) yield return t;
            if (!m.HasBody) continue;
            foreach (var v in m.Body.Variables) foreach (var t in Expand(v.VariableType)) yield return t;
            foreach (var instruction in m.Body.Instructions)
                foreach (var t in Operand(instruction)) yield return t;
        }
    }

    private static IEnumerable<TypeReference> Operand(Instruction instruction) => instruction.Operand switch
    {
        TypeReference t => Expand(t),
        MethodReference m => Expand(m.DeclaringType).Concat(Signature(m)),
        FieldReference f => Expand(f.DeclaringType).Concat(Expand(f.FieldType)),
        _ => [],
    };

    private static IEnumerable<TypeReference> Signature(MethodReference m)
    {
        foreach (var t in Expand(m.ReturnType)) yield return t;
        foreach (var p in m.Parameters) foreach (var t in Expand(p.ParameterType)) yield return t;
        if (m is GenericInstanceMethod g) foreach (var a in g.GenericArguments) foreach (var t in Expand(a)) yield return t;
    }

    private static IEnumerable<TypeReference> Attributes(ICustomAttributeProvider provider) =>
        provider.HasCustomAttributes ? provider.CustomAttributes.SelectMany(a => Expand(a.AttributeType)) : [];

    // A generic instance, array, pointer or by-ref type uses its element type and its type arguments.
    private static IEnumerable<TypeReference> Expand(TypeReference? t)
    {
        if (t is null || t.IsGenericParameter) yield break;
        if (t is GenericInstanceType g)
            foreach (var a in g.GenericArguments) foreach (var x in Expand(a)) yield return x;
        if (t is TypeSpecification spec && spec.ElementType != t)
        {
            foreach (var x in Expand(spec.ElementType)) yield return x;
            yield break;
        }
        yield return t;
    }
}
