using System.Reflection;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;

namespace PairDb.Storage.Hosting.RequestCheck;

/// <summary>
/// Discovers a mapped service's methods through the BindService method its generated base class names
/// (<see cref="BindServiceMethodAttribute"/>) and binds them with <see cref="CheckedRequestBinder{TService}"/>. It takes the
/// place of grpc-dotnet's default discovery (<see cref="CheckedRequestBinding.AddCheckedRequestBinding"/>), so every service
/// mapped on the server, ours and grpc-dotnet's health and reflection alike, checks its request strings.
/// </summary>
internal sealed class CheckedRequestMethodProvider<TService> : IServiceMethodProvider<TService>
    where TService : class
{
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<TService> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        for (var type = typeof(TService); type is not null; type = type.BaseType)
        {
            if (type.GetCustomAttribute<BindServiceMethodAttribute>(inherit: false) is { } bind)
            {
                var bindService = bind.BindType.GetMethod(bind.BindMethodName, BindingFlags.Public | BindingFlags.Static, [typeof(ServiceBinderBase), type])
                    ?? throw new InvalidOperationException($"{bind.BindType}.{bind.BindMethodName}(ServiceBinderBase, {type}) not found for {typeof(TService)}.");

                // With no service instance the generated code passes null handlers: the binder finds them on TService.
                bindService.Invoke(null, [new CheckedRequestBinder<TService>(context), null]);
                return;
            }
        }
    }
}
