import type {
  HostKeyQuestion,
  PassphraseQuestion,
  PasswordQuestion,
  SshPrompts,
} from '../docker/engine/ssh/ssh-session';
import type { HostStore } from './host-store';
import type { HostPromptRequest, PromptBroker } from './prompt-broker';
import type { SecretBox } from './secret-box';

interface HostCredentialsOptions {
  store: HostStore;
  secrets: SecretBox;
  broker: PromptBroker;
  /** The name the user knows an engine by (for the prompt's title). */
  nameOf: (engineId: string) => string;
  /** Whether an engine is one the user has saved (a passphrase can be remembered for it). */
  isSaved: (engineId: string) => boolean;
  logger?: Pick<Console, 'warn'>;
}

/**
 * How SSH asks the user, for the whole app: host keys and passphrases go through the prompt broker to the window,
 * and a passphrase the user asked Berth to remember is kept encrypted by the OS keyring, tried first next time,
 * and forgotten when it turns out wrong. Login passwords are only passed through: never saved, never logged.
 */
export class HostCredentials implements SshPrompts {
  private readonly logger: Pick<Console, 'warn'>;

  constructor(private readonly options: HostCredentialsOptions) {
    this.logger = options.logger ?? console;
  }

  async confirmHostKey(question: HostKeyQuestion): Promise<boolean> {
    const answer = await this.options.broker.ask({
      kind: 'hostKey',
      hostName: this.options.nameOf(question.engineId),
      address: question.address,
      keyType: question.keyType,
      fingerprint: question.fingerprint,
      knownHostsFile: question.knownHostsFile,
      otherKeysKnown: question.otherKeysKnown,
    });
    return answer.accept;
  }

  async askPassphrase(question: PassphraseQuestion): Promise<string | undefined> {
    const { engineId, keyFile } = question;
    const saved = this.saved(engineId, keyFile);
    if (saved !== undefined) {
      // A retry means the saved one was wrong (the key's passphrase changed): forget it and ask.
      if (question.retry) this.forget(engineId, keyFile);
      else {
        try {
          return await this.options.secrets.decrypt(saved);
        } catch (error) {
          this.logger.warn('[hosts] a saved passphrase could not be decrypted; asking instead:', error);
          this.forget(engineId, keyFile);
        }
      }
    }
    const canRemember = this.options.isSaved(engineId) && (await this.options.secrets.available());
    const answer = await this.options.broker.ask({
      kind: 'passphrase',
      hostName: this.options.nameOf(engineId),
      address: question.address,
      keyFile,
      retry: question.retry,
      canRemember,
    });
    if (!answer.accept || answer.passphrase === undefined) return undefined;
    if (answer.remember === true && canRemember) {
      try {
        this.remember(engineId, keyFile, await this.options.secrets.encrypt(answer.passphrase));
      } catch (error) {
        this.logger.warn('[hosts] the passphrase could not be saved:', error);
      }
    }
    return answer.passphrase;
  }

  /** The answers, straight from the window to the SSH server; undefined when the user cancelled. */
  async askPassword(question: PasswordQuestion): Promise<string[] | undefined> {
    const request: Extract<HostPromptRequest, { kind: 'password' }> = {
      kind: 'password',
      hostName: this.options.nameOf(question.engineId),
      address: question.address,
      method: question.method,
      fields: question.fields,
      retry: question.retry,
      attemptsLeft: question.attemptsLeft,
    };
    if (question.title !== undefined) request.title = question.title;
    if (question.instructions !== undefined) request.instructions = question.instructions;
    const answer = await this.options.broker.ask(request);
    if (!answer.accept || answer.responses?.length !== question.fields.length) return undefined;
    return answer.responses;
  }

  /** Whether any passphrase is saved for an engine. */
  hasSaved(engineId: string): boolean {
    return Object.keys(this.options.store.read().passphrases[engineId] ?? {}).length > 0;
  }

  private saved(engineId: string, keyFile: string): string | undefined {
    return this.options.store.read().passphrases[engineId]?.[keyFile];
  }

  private remember(engineId: string, keyFile: string, cipherText: string): void {
    const file = this.options.store.read();
    file.passphrases[engineId] = { ...file.passphrases[engineId], [keyFile]: cipherText };
    this.options.store.write(file);
  }

  private forget(engineId: string, keyFile: string): void {
    const file = this.options.store.read();
    const forEngine = { ...file.passphrases[engineId] };
    delete forEngine[keyFile];
    if (Object.keys(forEngine).length === 0) delete file.passphrases[engineId];
    else file.passphrases[engineId] = forEngine;
    this.options.store.write(file);
  }
}
