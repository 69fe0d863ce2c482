// Why: a small embedded list of the most common passwords (from public breach top lists), so the meter calls them weak while offline.

/** Lower-case; kept short on purpose: this is a nudge, the Rust side enforces policy. */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  "123456", "123456789", "12345678", "12345", "1234567", "1234567890", "123123", "111111", "000000", "654321",
  "123321", "666666", "121212", "112233", "7777777", "987654321", "159753", "147258369", "1q2w3e4r", "1q2w3e4r5t",
  "1qaz2wsx", "qwerty", "qwerty123", "qwertyuiop", "asdfgh", "asdfghjkl", "zxcvbnm", "azerty", "qazwsx",
  "password", "password1", "password12", "password123", "passw0rd", "pass", "passwort", "motdepasse", "contraseña",
  "secret", "letmein", "welcome", "welcome1", "admin", "administrator", "root", "login", "changeme", "default",
  "iloveyou", "monkey", "dragon", "master", "sunshine", "princess", "football", "baseball", "soccer", "hockey",
  "superman", "batman", "starwars", "pokemon", "shadow", "michael", "jennifer", "jordan", "hunter", "hunter2",
  "trustno1", "freedom", "whatever", "qwertz", "abc123", "abcd1234", "aa123456", "a123456", "123abc", "abcdef",
  "charlie", "donald", "flower", "hello", "hello123", "cheese", "computer", "internet", "killer", "lovely",
  "loveme", "matrix", "mustang", "ninja", "pepper", "purple", "samsung", "silver", "summer", "winter",
  "spring", "autumn", "tigger", "zaq12wsx", "google", "access", "biteme", "money", "coffee", "chocolate",
  "secret123", "test", "test123", "guest", "user", "coffer", "expenses", "budget",
]);
