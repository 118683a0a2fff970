/** A user id as API keys act for and records are owned by: letters, digits and `._@+-`, up to 128. */
export const USER_ID = /^[A-Za-z0-9._@+-]{1,128}$/;
