package dev.digitslab.api.spec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

/**
 * How {@link SpecLoader} writes specs out: numbers as a person writes them ({@code 1e-8}, not
 * {@code 1.0E-8}), and YAML laid out like the spec files, a mapping of plain values on one line.
 */
final class SpecOutput {
    private SpecOutput() {
    }

    /** Writes doubles with {@link #number}; add it to a mapper that writes specs. */
    static SimpleModule numbers() {
        return new SimpleModule("spec numbers").addSerializer(Double.class, new StdSerializer<>(Double.class) {
            @Override
            public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                if (Double.isFinite(value)) {
                    gen.writeNumber(number(value));
                } else {
                    gen.writeNumber(value);
                }
            }
        });
    }

    /**
     * {@link Double#toString} without its noise: 1.0E-8 is 1e-8, 2.5E-4 is 2.5e-4, 0.0 is 0 and 2.0 is 2; 0.001
     * and 0.5 stay.
     */
    static String number(double value) {
        String text = Double.toString(value);
        int e = text.indexOf('E');
        if (e < 0) {
            // -0.0 keeps its point: "-0" would read back as the integer 0, without the sign.
            boolean negativeZero = value == 0 && 1 / value < 0;
            return text.endsWith(".0") && !negativeZero ? text.substring(0, text.length() - 2) : text;
        }
        String mantissa = text.substring(0, e);
        return (mantissa.endsWith(".0") ? mantissa.substring(0, mantissa.length() - 2) : mantissa)
                + "e" + text.substring(e + 1);
    }

    /**
     * A spec already turned into maps, lists and scalars, as YAML. Jackson's YAML writer puts every mapping
     * in one style; SnakeYAML's automatic style writes a mapping or list of plain values on one line
     * ({@code {type: dense, units: 128, activation: relu}}) and nests the rest, as the spec files do.
     */
    static String yaml(Object tree) {
        if (tree instanceof Map<?, ?> spec && spec.get("data") instanceof Map<?, ?> data) {
            // The data block on one line, as the spec files write it: {dataset: mnist, task: {kind: multiclass}, …}
            Map<Object, Object> copy = new LinkedHashMap<>(spec);
            copy.put("data", new OneLine(data));
            tree = copy;
        }
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.AUTO);
        options.setIndent(2);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        options.setSplitLines(false); // one line per value or flow mapping, however long
        options.setWidth(Integer.MAX_VALUE / 2);
        return new Yaml(new SpecRepresenter(options), options).dump(tree);
    }

    private static final class SpecRepresenter extends Representer {
        SpecRepresenter(DumperOptions options) {
            super(options);
            // SnakeYAML would write a string with unprintable characters as !!binary; quoting them reads back.
            representers.put(String.class, data -> representScalar(Tag.STR, (String) data));
            representers.put(Double.class, data -> {
                double value = (Double) data;
                if (!Double.isFinite(value)) {
                    return multiRepresenters.get(Number.class).representData(data);
                }
                String text = number(value);
                // "0" reads as an integer, which a number field takes as it is; tagged float it would read "!!float 0".
                return representScalar(text.matches("-?[0-9]+") ? Tag.INT : Tag.FLOAT, text);
            });
            representers.put(OneLine.class, data -> representMapping(Tag.MAP, (OneLine) data,
                    DumperOptions.FlowStyle.FLOW));
        }
    }

    /** A mapping written on one line whatever it holds. */
    private static final class OneLine extends LinkedHashMap<Object, Object> {
        OneLine(Map<?, ?> entries) {
            super(entries);
        }
    }
}
