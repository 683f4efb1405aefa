package io.tickloop.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.Arrays;

/**
 * Reads an enum option by its constants' {@code toString()}, the lower-case names tickloop's enums give
 * themselves, and names them all when the value is none of them. {@link CommandLines} registers one for every
 * enum option.
 *
 * @param <E> the enum.
 */
final class EnumNames<E extends Enum<E>> implements ITypeConverter<E>
{
    private final E[] constants;

    EnumNames(final Class<E> type)
    {
        this.constants = type.getEnumConstants();
    }

    @Override
    public E convert(final String value)
    {
        for (final E constant : constants)
        {
            if (constant.toString().equals(value))
            {
                return constant;
            }
        }
        throw new TypeConversionException("'" + value + "' is not one of " + Arrays.toString(constants));
    }
}
