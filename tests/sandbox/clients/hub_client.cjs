// The official SignalR client (@microsoft/signalr) under Node, with its default settings
// (it negotiates, and sends the token as an Authorization header) and automatic reconnection,
// as Kore's example connects. Prints one "EVENT {json}" line per thing that happens; the
// client's own log lines (its default console logger) are left as they are. Usage: node hub_client.cjs <hub url> <token>
"use strict";
const signalR = require("@microsoft/signalr");

const [url, token] = process.argv.slice(2);
const emit = (event, argument) => process.stdout.write(`EVENT ${JSON.stringify({ event, argument })}\n`);

const connection = new signalR.HubConnectionBuilder()
  .withUrl(url, { accessTokenFactory: () => token })
  .withAutomaticReconnect()
  .build();

for (const target of ["BalanceUpdate", "OperatorInitiatedChat", "UserLogout"]) {
  connection.on(target, (argument) => emit(target, argument));
}
connection.onreconnecting((error) => emit("reconnecting", error ? String(error) : null));
connection.onreconnected(() => emit("reconnected", null));
connection.onclose((error) => { emit("closed", error ? String(error) : null); process.exit(0); });

connection.start().then(
  () => emit("connected", null),
  (error) => { emit("failed", String(error)); process.exit(1); },
);
