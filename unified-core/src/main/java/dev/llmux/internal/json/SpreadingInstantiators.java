package dev.llmux.internal.json;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.ValueInstantiator;
import tools.jackson.databind.deser.ValueInstantiators;
import tools.jackson.databind.deser.std.StdValueInstantiator;
import tools.jackson.databind.introspect.AnnotatedWithParams;

/**
 * Makes Jackson call multi-argument creators (every record constructor llmux reads) through a method handle
 * spread once, when the deserializer is built. Jackson 3 calls them with {@code MethodHandle.invokeWithArguments},
 * which builds a fresh spreading adapter (method types, lambda-form editors) on every call: about a kilobyte of
 * garbage and a slow path per record read, so per streamed chunk several times over. Behaviour is unchanged: the
 * same creator is called with the same arguments, and a creator's exception is reported as Jackson reports it.
 * A creator the handle cannot be made for keeps Jackson's own call.
 */
final class SpreadingInstantiators implements ValueInstantiators {

    @Override
    public @Nullable ValueInstantiator findValueInstantiator(DeserializationConfig config, BeanDescription.Supplier beanDesc) {
        return null;
    }

    @Override
    public ValueInstantiator modifyValueInstantiator(DeserializationConfig config, BeanDescription.Supplier beanDesc,
            ValueInstantiator defaultInstantiator) {
        // Only Jackson's own instantiator class: a subclass (a custom one) keeps its behaviour untouched.
        if (defaultInstantiator.getClass() != StdValueInstantiator.class) {
            return defaultInstantiator;
        }
        StdValueInstantiator std = (StdValueInstantiator) defaultInstantiator;
        MethodHandle spreader = spreader(std.getWithArgsCreator());
        return spreader == null ? defaultInstantiator : new Spreading(std, spreader);
    }

    /** {@code (Object[]) -> Object} calling the creator, or null when it cannot be built. */
    static @Nullable MethodHandle spreader(@Nullable AnnotatedWithParams creator) {
        if (creator == null || creator.getParameterCount() < 2) {
            return null; // none, or one Jackson already calls with invokeExact
        }
        try {
            MethodHandle handle;
            if (creator.getMember() instanceof Constructor<?> c) {
                handle = MethodHandles.lookup().unreflectConstructor(c);
            } else if (creator.getMember() instanceof Method m && Modifier.isStatic(m.getModifiers())) {
                handle = MethodHandles.lookup().unreflect(m);
            } else {
                return null;
            }
            int n = handle.type().parameterCount();
            return handle.asType(MethodType.genericMethodType(n)).asSpreader(Object[].class, n);
        } catch (IllegalAccessException | RuntimeException e) {
            return null;
        }
    }

    private static final class Spreading extends StdValueInstantiator {

        private final MethodHandle spreader;

        Spreading(StdValueInstantiator src, MethodHandle spreader) {
            super(src);
            this.spreader = spreader;
        }

        @Override
        public Object createFromObjectWith(DeserializationContext ctxt, Object[] args) {
            try {
                return (Object) spreader.invokeExact(args);
            } catch (Exception e) {
                // as StdValueInstantiator reports a creator's failure
                return ctxt.handleInstantiationProblem(_valueClass, args, rewrapCtorProblem(ctxt, e));
            } catch (Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }
    }
}
