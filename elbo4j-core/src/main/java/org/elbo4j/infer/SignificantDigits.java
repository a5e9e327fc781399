package org.elbo4j.infer;

/**
 * Numbers rounded to a few significant digits for the verdict's reason, with long arithmetic only:
 * the first use of {@link java.util.Formatter} costs about 20 ms in a fresh JVM, and of
 * {@link java.math.BigDecimal} about 10 ms (measured here on JDK 25), as much as a whole small fit.
 */
public final class SignificantDigits {

    private SignificantDigits() {
    }

    /**
     * x rounded to {@code digits} (1–15) significant digits: plain notation for 1e−4 ≤ |x| &lt; 1e9
     * ("0.00313", "-530.671", "1200"), otherwise {@code d.ddde±k}; "NaN", "Infinity", "-Infinity" and "0".
     */
    public static String of(double x, int digits) {
        if (Double.isNaN(x)) {
            return "NaN";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "Infinity" : "-Infinity";
        }
        if (x == 0) {
            return "0";
        }
        double magnitude = Math.abs(x);
        int exponent = (int) Math.floor(Math.log10(magnitude));
        long mantissa = Math.round(magnitude * Math.pow(10, digits - 1 - exponent));
        if (mantissa >= pow10(digits)) {
            mantissa /= 10;
            exponent++;
        }
        String m = Long.toString(mantissa);
        StringBuilder out = new StringBuilder(x < 0 ? "-" : "");
        if (magnitude >= 1e-4 && magnitude < 1e9) {
            int point = exponent + 1;
            if (point <= 0) {
                out.append("0.").append("0".repeat(-point)).append(m);
            } else if (point >= m.length()) {
                out.append(m).append("0".repeat(point - m.length()));
            } else {
                out.append(m, 0, point).append('.').append(m, point, m.length());
            }
        } else {
            out.append(m.charAt(0));
            if (m.length() > 1) {
                out.append('.').append(m, 1, m.length());
            }
            out.append('e').append(exponent);
        }
        return stripZeros(out.toString());
    }

    private static long pow10(int n) {
        long p = 1;
        for (int i = 0; i < n; i++) {
            p *= 10;
        }
        return p;
    }

    /** Drops trailing zeros after a decimal point (and the point itself), before any exponent. */
    private static String stripZeros(String s) {
        int e = s.indexOf('e');
        String head = e < 0 ? s : s.substring(0, e);
        String tail = e < 0 ? "" : s.substring(e);
        if (head.indexOf('.') >= 0) {
            int end = head.length();
            while (head.charAt(end - 1) == '0') {
                end--;
            }
            if (head.charAt(end - 1) == '.') {
                end--;
            }
            head = head.substring(0, end);
        }
        return head + tail;
    }
}
