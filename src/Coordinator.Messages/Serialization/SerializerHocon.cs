using System.Text;

namespace PairDb.Messages.Serialization;

/// <summary>The <c>akka.actor</c> HOCON that registers a serializer under a name and binds types to it.</summary>
internal static class SerializerHocon
{
    public static string Build(string name, Type serializer, IReadOnlyList<Type> boundTypes)
    {
        var bindings = new StringBuilder();
        foreach (var type in boundTypes)
        {
            bindings.Append("    \"").Append(TypeName(type)).Append("\" = ").Append(name).Append('\n');
        }

        return $$"""
            akka.actor {
              serializers {
                {{name}} = "{{TypeName(serializer)}}"
              }
              serialization-bindings {
            {{bindings}}  }
            }
            """;
    }

    // "Namespace.Type, Assembly": what Akka resolves, without a version that would tie the config to one build.
    private static string TypeName(Type type) => type.FullName + ", " + type.Assembly.GetName().Name;
}
