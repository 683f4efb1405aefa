package io.tickloop.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.Arrays;
import java.util.List;

/**
 * Reads an enum constant by its command-line name, its {@code toString()} (such as {@code selector} for
 * {@code SELECTOR}), and rejects any other text with one line that lists the names accepted. picocli lists the
 * same names in {@code ${COMPLETION-CANDIDATES}}. Name a subclass as the {@code converter} of the option:
 * <pre>
 * static final class Names extends EnumNames&lt;Model&gt;
 * {
 *     Names()
 *     {
 *         super(Model.class, "model");
 *     }
 * }
 * </pre>
 *
 * @param <E> the enum.
 */
public abstract class EnumNames<E extends Enum<E>> implements ITypeConverter<E>
{
    private final Class<E> type;
    private final String noun;

    /**
     * @param type the enum.
     * @param noun what one constant is, for the error: {@code unknown <noun> 'x'}.
     */
    protected EnumNames(final Class<E> type, final String noun)
    {
        this.type = type;
        this.noun = noun;
    }

    @Override
    public E convert(final String text)
    {
        final String name = text.trim();
        for (final E constant : type.getEnumConstants())
        {
            if (constant.toString().equals(name))
            {
                return constant;
            }
        }
        throw new TypeConversionException("unknown " + noun + " '" + text + "', expected one of " + names());
    }

    private List<String> names()
    {
        return Arrays.stream(type.getEnumConstants()).map(Object::toString).toList();
    }
}
